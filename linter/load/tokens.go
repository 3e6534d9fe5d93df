package load

import (
	"fmt"
	"sync"

	"github.com/iamlint/iamlint/internal/fpath"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/linter/eval"
)

// Bytes of --max-file-size per token a file may hold (fileTokenLimit). The
// parsers' memory grows with the tokens of a file, not with its bytes: a
// 4 MiB .tf.json of "1,1,1,..." (4 million tokens) took hcl/json 1.8 GB
// and 7 s, the same .tf 460 MB; ten of them in one directory 10.6 GB and
// 3.6 GB. Real configurations average 5 to 7 bytes a token (all of
// ../shared/corpus/real: 6.3; its densest file over 10 kB: 5.0) and the
// JSON that CDKTF writes (indented, long names) more than 10, so a file at
// the size limit is within both. A JSON token costs hcl/json more than a
// native one costs: its bound is two thirds of the native one. (It was a
// third, from peak RSS: 1 MiB of dense tokens 700 MB against 140 MB; but
// most of that RSS is the collector's headroom, the live heap of 1 million
// dense JSON tokens is 190 MB; and a third refused the 4 MB cdk.tf.json
// that CDKTF writes for 2,000 roles, 6,000 resources: 458,000 tokens, 8.8
// bytes a token, parsed in 2.3 s with a live heap under 80 MB.)
const (
	nativeBytesPerToken = 4
	jsonBytesPerToken   = 6
)

// fileTokenLimit returns the most tokens a file may hold when files of
// maxSize bytes are read (--max-file-size): 1,048,576 of native syntax and
// 699,050 of JSON with the default 4 MiB, and no less with a lower
// maxSize (set to leave big files out, not to refuse small dense ones).
func fileTokenLimit(isJSON bool, maxSize int64) int {
	maxSize = max(maxSize, defaultMaxFileSize)
	if isJSON {
		return int(min(maxSize/jsonBytesPerToken, 1<<40))
	}
	return int(min(maxSize/nativeBytesPerToken, 1<<40))
}

// checkTokens returns the error that refuses src, the text of the file
// name, when it holds more tokens than fileTokenLimit(isJSON, maxSize), located
// at the first token past the limit; nil otherwise. A token takes a byte
// at least: a file of fewer bytes than the limit is not counted.
func checkTokens(src []byte, name string, isJSON bool, maxSize int64) *hcl.Diagnostic {
	if isJSON {
		if d := checkJSONTemplateTokens(src, name, maxSize); d != nil {
			return d
		}
	}
	limit := fileTokenLimit(isJSON, maxSize)
	if len(src) <= limit {
		return nil
	}
	n, at := eval.CountTokens(src, isJSON, limit)
	if n <= limit {
		return nil
	}
	kind, per := "native-syntax", nativeBytesPerToken
	if isJSON {
		kind, per = "JSON", jsonBytesPerToken
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens",
		Detail: fmt.Sprintf("%s holds more than %d tokens (names, numbers, strings, operators and brackets; this is token %d): a %s file may hold one per %d bytes of --max-file-size (of 4 MiB when it is lower), far more than real configurations do, as the parser's memory grows with them; it is not parsed. Raise --max-file-size to parse it.",
			name, limit, limit+1, kind, per),
		Subject: eval.ByteRange(src, at, name)}
}

// checkJSONTemplateTokens returns the error that refuses src, a .tf.json
// file, when the templates of its strings ("${...}", "%{...}": parsed by
// hclsyntax when they are evaluated) hold more tokens in all than a file of
// native syntax may (fileTokenLimit), located at the string that holds the
// token past it; nil otherwise. They were not counted: a 2.4 MB .tf.json
// whose policy was "${1}${1}..." (1.2 million tokens) took 730 MB, a
// 4 MiB one past 1.2 GB, where the same .tf was refused.
func checkJSONTemplateTokens(src []byte, name string, maxSize int64) *hcl.Diagnostic {
	limit := fileTokenLimit(false, maxSize)
	if len(src) <= limit {
		return nil // a template token takes a byte at least
	}
	n, at := eval.CountJSONTemplateTokens(src, limit)
	if n <= limit {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens",
		Detail: fmt.Sprintf("The templates in the strings of %s (\"${...}\", \"%%{...}\") hold more than %d tokens (text lines, interpolations and the names, numbers, strings and operators in them; the string here holds token %d): they may hold as many as a native-syntax file, one per %d bytes of --max-file-size (of 4 MiB when it is lower), far more than real configurations do, as the parser's memory grows with them; it is not parsed. Raise --max-file-size to parse it.",
			name, limit, limit+1, nativeBytesPerToken),
		Subject: eval.ByteRange(src, at, name)}
}

// jsonTokenWeight is what a JSON token counts in the tokens of a module
// (rootTokenLimit): hcl/json's memory for it, in native tokens (about
// twice: a root may hold a JSON file at its own limit).
const jsonTokenWeight = 2

// rootTokenLimit returns the most tokens that a root module and the module
// directories it calls may hold in all, a JSON token counting
// jsonTokenWeight: one per 2 bytes of maxSize (--max-file-size), twice
// what the densest file may hold (2,097,152 with the default 4 MiB, and no
// less with a lower maxSize, as fileTokenLimit). The
// largest root of ../shared/corpus/real holds 19,000 with its modules, the
// roots of the benchmark estates 26,000; the syntax trees of 2 million
// native tokens take about 200 MB, and two roots are evaluated at a time.
func rootTokenLimit(maxSize int64) int {
	maxSize = max(maxSize, defaultMaxFileSize)
	return int(min(maxSize/2, 1<<40))
}

// dirCountMin: the files of a module directory of more bytes than this are
// counted (eval.CountTokens, about 300 MB/s); a smaller directory's bytes
// bound its tokens (a token takes a byte at least), and it is counted only
// when a root's sum of bounds goes past rootTokenLimit. No directory of
// the benchmark estates or of ../shared/corpus/real is that big.
const dirCountMin = 256 << 10

// fileWeight is the weight of one file of a module directory: its tokens
// (a JSON one counting jsonTokenWeight) when exact, else its bytes so
// counted, a bound.
type fileWeight struct {
	src   []byte
	json  bool
	w     int
	exact bool
	// tmpl is the part of w that the templates in the strings of a JSON
	// file weigh (counted).
	tmpl int
}

func (f *fileWeight) count() {
	if !f.exact {
		n, _ := eval.CountTokens(f.src, f.json, 0)
		f.w, f.exact = n*weightOf(f.json), true
		if f.json {
			// The templates of its strings are parsed by hclsyntax when
			// they are evaluated: their tokens weigh as native ones. Five
			// .tf.json files of 1.4 MB, each a policy of "${1}${1}..."
			// (a million tokens a file), took 1.4 GB and 14 s where the
			// same .tf files were refused past the root's limit. (The
			// bound, 2 a byte, still holds: a template's tokens are
			// within its string's bytes, less the quotes.)
			f.tmpl, _ = eval.CountJSONTemplateTokens(f.src, 0)
			f.w += f.tmpl
		}
	}
}

func weightOf(json bool) int {
	if json {
		return jsonTokenWeight
	}
	return 1
}

// dirTokens is what tokensOf found of a module directory: the files it
// refuses (refused[i], by the index of its files) and the weights of the
// others. mu guards the weights (a root's check counts them).
type dirTokens struct {
	refused []hcl.Diagnostics
	files   []fileWeight
	mu      sync.Mutex
	// reached is set once a root of the run evaluated the directory (its
	// own, beginRoot, or a module it calls, rootCheck): a later root's
	// call of it is evaluated again, and counts against the run's pool
	// (repeatedFree). Guarded by loader.tokMu.
	reached bool
}

// weight returns the tokens of the files d keeps (weighted), and whether
// they are counted (else the sum holds bounds).
func (d *dirTokens) weight() (w int, exact bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	exact = true
	for i := range d.files {
		w += d.files[i].w
		exact = exact && d.files[i].exact
	}
	return w, exact
}

// count counts the files of d that are not counted.
func (d *dirTokens) count() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := range d.files {
		d.files[i].count()
	}
}

// tokensOf returns, computed once per directory, which of the files names
// of the module directory dir (read as srcs; nil: not read) it parses: a
// file of more tokens than fileTokenLimit is refused (refuseText), and so
// is, in name order, a file that would bring the directory past
// rootTokenLimit. The files are counted when the directory is bigger than
// dirCountMin or its bytes do not bound its tokens within the limit.
func (l *loader) tokensOf(dir string, names []string, srcs [][]byte) *dirTokens {
	dir = fpath.Clean(dir)
	l.tokMu.Lock()
	defer l.tokMu.Unlock()
	if d := l.dirToks[dir]; d != nil && len(d.refused) == len(names) {
		return d
	}
	d := &dirTokens{refused: make([]hcl.Diagnostics, len(names))}
	limit, used := rootTokenLimit(l.opts.MaxFileSize), 0
	total, bound := 0, 0
	for i, src := range srcs {
		total += len(src)
		bound += len(src) * weightOf(isJSONName(names[i]))
	}
	count := total > dirCountMin || bound > limit
	for i, src := range srcs {
		if src == nil {
			continue
		}
		json := isJSONName(names[i])
		f := fileWeight{src: src, json: json, w: len(src) * weightOf(json)}
		if count {
			f.count()
			if f.w-f.tmpl > fileTokenLimit(json, l.opts.MaxFileSize)*weightOf(json) || f.tmpl > fileTokenLimit(false, l.opts.MaxFileSize) {
				d.refused[i], _ = refuseText(src, names[i], json, l.opts.MaxFileSize)
				continue
			}
		}
		if used+f.w > limit {
			// What refuses the file anyway is said (not text, nested too
			// deep, not HCL, ...), as when it is parsed.
			if d.refused[i], _ = refuseText(src, names[i], json, l.opts.MaxFileSize); d.refused[i] == nil {
				_, at := eval.CountTokens(src, json, (limit-used)/weightOf(json))
				d.refused[i] = hcl.Diagnostics{tooManyInDir(src, names[i], dir, at, limit)}
			}
			continue
		}
		used += f.w
		d.files = append(d.files, f)
	}
	if l.dirToks == nil {
		l.dirToks = map[string]*dirTokens{}
	}
	l.dirToks[dir] = d
	return d
}

func tooManyInDir(src []byte, name, dir string, at, limit int) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens in module",
		Detail: fmt.Sprintf("With %s, the files of module directory %s would hold more than %d tokens (a JSON token counting %d, and the templates in the strings of a .tf.json their own; here it passes them): a root module and the modules it calls may hold one per 2 bytes of --max-file-size (of 4 MiB when it is lower), far more than real configurations do, as the parser's memory grows with them; it is not parsed, the directory's files before it (in name order) are. Raise --max-file-size to parse it.",
			name, dir, limit, jsonTokenWeight),
		Subject: eval.ByteRange(src, max(at, 0), name)}
}

// rootUse is what a root being evaluated holds: the module directories
// (its own first) whose tokens rootCheck counted for it.
type rootUse struct {
	dirs map[string]bool
	toks []*dirTokens
	// repeated is the tokens of the module directories it calls that an
	// earlier root of the run evaluated (see repeatedFree).
	repeated int
}

// A module directory that many root modules call is evaluated again for
// each (its findings are those of each root's own evaluation): a root's
// tokens are bounded (rootTokenLimit), a run of many roots is not. Twenty
// roots each calling one 3.6 MB module of a policy of 250,000 actions (a
// million tokens, 38 bytes of root each) took 37 s and 2.2 GB, a hundred
// would take minutes. The tokens of the directories a root calls that an
// earlier root of the run evaluated (each directory once per root) are
// free up to a tenth of a root's limit; past it, a root draws them from a
// pool the roots of the run share, runPool times a root's limit, and once
// it is spent a call past its root's free part is not evaluated, with an
// error at the call (as the pools of instances and of the evaluation's
// budgets, package eval). Real roots are far within the free part (the
// shared team modules of the benchmark estates: a few thousand tokens a
// root), so a run of any number of them draws nothing from the pool.
const (
	repeatedFreeDiv = 10
	runPool         = 3
)

// repeatedFree returns the tokens of repeated directories free to each
// root, and the run's pool past them, for a root limit of limit.
func repeatedFree(limit int) (free, pool int) {
	return limit / repeatedFreeDiv, runPool * limit
}

// beginRoot starts the count of the root module dir (parsed), and endRoot
// ends it. dir is the root's Config.Dir, as the evaluation gives it to
// loadModule (rootDir).
func (l *loader) beginRoot(dir string) {
	clean := fpath.Clean(dir)
	l.tokMu.Lock()
	defer l.tokMu.Unlock()
	ru := &rootUse{dirs: map[string]bool{dir: true, clean: true}}
	if d := l.dirToks[clean]; d != nil {
		ru.toks = append(ru.toks, d)
		d.reached = true // (a root is linted whoever evaluated it before)
	}
	if l.roots == nil {
		l.roots = map[string]*rootUse{}
	}
	l.roots[dir] = ru
}

func (l *loader) endRoot(dir string) {
	l.tokMu.Lock()
	delete(l.roots, dir)
	l.tokMu.Unlock()
}

// rootCheck returns the error that keeps the module directory dir, which
// call calls, from being parsed and evaluated for the root rootDir when it
// would bring the root with the modules it calls past rootTokenLimit (the
// calls met in the evaluation's order); nil otherwise.
func (l *loader) rootCheck(rootDir, dir string, call *eval.Call) *hcl.Diagnostic {
	// Every module instance's calls ask: the directory as given is
	// looked up first (cleaning it took a tenth of a percent of the
	// instructions of a 200-file estate).
	l.tokMu.Lock()
	ru := l.roots[rootDir]
	if ru == nil || ru.dirs[dir] {
		l.tokMu.Unlock()
		return nil
	}
	given := dir
	if dir = fpath.Clean(dir); ru.dirs[dir] {
		ru.dirs[given] = true
		l.tokMu.Unlock()
		return nil
	}
	dt := l.dirToks[dir]
	l.tokMu.Unlock()
	if dt == nil {
		if dt = l.readTokens(dir); dt == nil {
			return nil
		}
	}
	l.tokMu.Lock()
	defer l.tokMu.Unlock()
	sum := func() (w, dw int, exact bool) {
		exact = true
		for _, t := range ru.toks {
			tw, te := t.weight()
			w += tw
			exact = exact && te
		}
		dw, de := dt.weight()
		return w, dw, exact && de
	}
	limit := rootTokenLimit(l.opts.MaxFileSize)
	w, dw, exact := sum()
	if w+dw > limit && !exact {
		for _, t := range ru.toks {
			t.count()
		}
		dt.count()
		w, dw, _ = sum()
	}
	if w+dw > limit {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens in module",
			Detail: fmt.Sprintf("module %s (%s) is not evaluated: its files hold %d tokens, and root module %s with the modules it calls so far %d, more than %d in all (a JSON token counting %d, and the templates in the strings of a .tf.json their own): a root module and the modules it calls may hold one per 2 bytes of --max-file-size (of 4 MiB when it is lower), far more than real configurations do, as the parser's memory grows with them. Raise --max-file-size to evaluate it.",
				call.Name, dir, dw, rootDir, w, limit, jsonTokenWeight),
			Subject: call.Range.Ptr()}
	}
	if d := l.repeatCheck(ru, rootDir, dir, dt, limit, call); d != nil {
		return d
	}
	ru.dirs[dir], ru.dirs[given] = true, true
	ru.toks = append(ru.toks, dt)
	return nil
}

// repeatCheck returns the error that keeps the module directory dir
// (tokens dt), which an earlier root of the run evaluated, from being
// evaluated again for the root rootDir (ru) when the root is past its free
// part of such tokens and the run's pool is spent (see repeatedFree); nil
// otherwise, the tokens counted. l.tokMu held.
func (l *loader) repeatCheck(ru *rootUse, rootDir, dir string, dt *dirTokens, limit int, call *eval.Call) *hcl.Diagnostic {
	if !dt.reached {
		dt.reached = true
		return nil
	}
	free, pool := repeatedFree(limit)
	dw, exact := dt.weight()
	if ru.repeated+dw > free && !exact {
		// A bound (its bytes) until now: counted (once per directory).
		dt.count()
		dw, _ = dt.weight()
	}
	past := ru.repeated + dw - max(ru.repeated, free)
	if past > 0 && l.runRepeated >= pool {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens in modules called again",
			Detail: fmt.Sprintf("module %s (%s) is not evaluated for root module %s: its files hold %d tokens (a JSON token counting %d), and roots of this run evaluated it before. A module directory is evaluated again for each root that calls it: past the first %d such tokens of each root (a tenth of a root's limit), they come from a pool of %d that the roots of the run share (%d times a root's limit), spent by the roots before this one. Lint the roots that call it on their own, or raise --max-file-size.",
				call.Name, dir, rootDir, dw, jsonTokenWeight, free, pool, runPool),
			Subject: call.Range.Ptr()}
	}
	if past > 0 {
		l.runRepeated += past
	}
	ru.repeated += dw
	return nil
}

// readTokens reads the files of the module directory dir, which no root
// parsed yet, for tokensOf; what it reads is kept for parseDir (keepPre).
// nil when dir cannot be listed (parseDir says so).
func (l *loader) readTokens(dir string) *dirTokens {
	names, regular, _, err := l.tfFileEntries(dir)
	if err != nil {
		return nil
	}
	srcs := make([][]byte, len(names))
	l.mu.Lock()
	for i, n := range names {
		if srcs[i] = l.sources[n]; srcs[i] == nil && regular[i] {
			srcs[i] = l.pre[n]
		}
	}
	l.mu.Unlock()
	for i, n := range names {
		if srcs[i] == nil {
			if src, d := l.readConfigFile(n, regular[i]); d == nil {
				srcs[i] = src
				if regular[i] {
					l.keepPre(n, src)
				}
			}
		}
	}
	return l.tokensOf(dir, names, srcs)
}
