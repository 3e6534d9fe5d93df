package linter

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/iam"
)

// The suppression step of the runner: after the rules ran and the findings
// were deduplicated, filtered, fingerprinted and sorted, inline suppression
// comments (package suppress, through RegisterInlineSuppressor) and then
// Options.Suppressors (configuration ignores) move findings to
// Result.Suppressed; the problems they find (malformed, expired, unused
// suppressions) become findings of the rule invalid-suppression when that
// rule is in Options.Rules. MinSeverity is applied afterwards, so that a
// suppression of a finding below it is not reported as unused.

// InvalidSuppressionRule is the ID of the rule whose findings report bad
// suppressions (the rule value lives in package suppress).
const InvalidSuppressionRule = "invalid-suppression"

// Suppressor moves the findings it suppresses out of findings (setting their
// Suppression) and returns problems with itself as invalid-suppression
// findings. Findings' file names are relative to the current directory.
type Suppressor func(findings []Finding) (kept, suppressed, problems []Finding)

// InlineSuppressor applies the suppression comments of sources (file name,
// relative to the current directory, to content) to findings. known holds
// every rule ID a comment may name, ran the IDs of the rules that ran (a
// suppression for a rule that did not run is not unused).
type InlineSuppressor func(findings []Finding, sources map[string][]byte, known []string, ran map[string]bool, now time.Time) (kept, suppressed, problems []Finding)

var (
	inlineMu         sync.RWMutex
	inlineSuppressor InlineSuppressor
)

// RegisterInlineSuppressor sets the function that applies inline suppression
// comments in every Lint. Package suppress registers itself when it is
// imported (package linter cannot import it: suppress uses linter's types).
func RegisterInlineSuppressor(s InlineSuppressor) {
	inlineMu.Lock()
	defer inlineMu.Unlock()
	inlineSuppressor = s
}

func registeredInline() InlineSuppressor {
	inlineMu.RLock()
	defer inlineMu.RUnlock()
	return inlineSuppressor
}

// skipNoDirectives lets suppressFindings skip the inline suppressor when no
// Terraform source may hold a directive (tests compare with running it).
var skipNoDirectives = true

// terraformSources returns the Terraform files of sources (where inline
// suppression comments are read).
func terraformSources(sources map[string][]byte) map[string][]byte {
	tf := map[string][]byte{}
	for name, src := range sources {
		if isTerraformSource(name) {
			tf[name] = src
		}
	}
	return tf
}

// DirectiveScan reports whether a source file may hold a suppression
// directive: false only when the InlineSuppressor would find none in it.
// It is called from several goroutines at once.
type DirectiveScan func(src []byte) bool

var directiveScan DirectiveScan // guarded by inlineMu

// RegisterDirectiveScan sets the scan package suppress's inline suppressor
// makes of each file before it reads the file's comments: when no
// Terraform source may hold a directive, the findings are not anchored
// at their blocks for it (a map lookup and a copy of the related
// locations per finding, and a copy of every finding, for nothing).
func RegisterDirectiveScan(s DirectiveScan) {
	inlineMu.Lock()
	defer inlineMu.Unlock()
	directiveScan = s
}

func registeredDirectiveScan() DirectiveScan {
	inlineMu.RLock()
	defer inlineMu.RUnlock()
	return directiveScan
}

// mayHoldDirectives reports whether any of sources may hold a suppression
// directive (scan; true without one). The files are scanned on every CPU
// (all 102 MB of a 10,000-file estate without a directive, on the serial
// end of a run); once one may hold a directive, those not started are
// skipped.
func mayHoldDirectives(sources map[string][]byte, scan DirectiveScan) bool {
	if scan == nil {
		return true
	}
	srcs := make([][]byte, 0, len(sources))
	for _, src := range sources {
		srcs = append(srcs, src)
	}
	var found atomic.Bool
	par.For(len(srcs), 8, func(i int) {
		if !found.Load() && scan(srcs[i]) {
			found.Store(true)
		}
	})
	return found.Load()
}

// UnreadComments returns notices for the suppression comments of one source
// file (name relative to the current directory) that are not read. It is
// called for several files at once (on every CPU).
type UnreadComments func(file string, src []byte) []Notice

var unreadComments UnreadComments // guarded by inlineMu

// RegisterUnreadComments sets the function that finds suppression comments
// that are not read (package suppress registers it with its inline
// suppressor), so that a Lint gives a notice for each instead of skipping
// them silently.
func RegisterUnreadComments(u UnreadComments) {
	inlineMu.Lock()
	defer inlineMu.Unlock()
	unreadComments = u
}

// unreadNotices returns the notices of the registered UnreadComments for
// sources that can hold comments (.tf, .tfvars, .tftest.hcl, .tf.json) and
// that the file filter and Exclude keep.
func unreadNotices(sources map[string][]byte, opts Options, ff *fileFilter) []Notice {
	inlineMu.RLock()
	u := unreadComments
	inlineMu.RUnlock()
	if u == nil {
		return nil
	}
	var names []string
	for name := range sources {
		if !isTerraformSource(name) && !fpath.HasSuffixFold(name, ".tf.json") && !fpath.HasSuffixFold(name, ".tofu.json") {
			continue
		}
		if !ff.keep(name) || (opts.Exclude != nil && opts.Exclude(name)) {
			continue
		}
		names = append(names, name)
	}
	// The files are read on every CPU (u only reads its file): one after
	// the other they were ~0.015 s of the end of a dense 10,000-file
	// estate's run on one CPU. (The notices are sorted after.)
	found := make([][]Notice, len(names))
	par.For(len(names), 16, func(k int) { found[k] = u(names[k], sources[names[k]]) })
	var out []Notice
	for _, ns := range found {
		out = append(out, ns...)
	}
	return out
}

// Progress is what Options.Progress is told as a run goes on.
type Progress struct {
	// "loaded", "documented" (plans extracted whole, each: its
	// documents are extracted, its graph is next; its values are still
	// in memory), "released" (plans only: their evaluated values are
	// dropped, their policy texts are being parsed), "extracted",
	// "dropped" (Lint's own run: the rules have run and their findings
	// are located; the model is no longer reachable, the findings are
	// next finished)
	Stage    string
	Files    int
	Modules  int
	Policies int

	// PlanBytes and PlanValues, at stage "planned" (a plan that is
	// streamed, once its structure is read): the plan's size and about
	// how many of its bytes hold the values that are built and extracted
	// (the resources extract reads; the others are listed only). The
	// command's collector sets the plan's heap floor from them.
	PlanBytes, PlanValues int64
}

func (o Options) progress(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// overrideSeverities applies Options.Severities.
func overrideSeverities(fs []Finding, sev map[string]Severity) []Finding {
	if len(sev) == 0 {
		return fs
	}
	for i := range fs {
		if s, ok := sev[fs[i].Rule]; ok && s != 0 {
			fs[i].Severity = s
		}
	}
	return fs
}

// suppressFindings runs the inline suppressor and opts.Suppressors over
// findings (sorted, fingerprinted, names relative to cwd) and returns what is
// still reported, what is suppressed and the problems, which are kept only
// when invalid-suppression runs and when the file filter and Exclude keep
// their file.
//
// A finding located outside the block of its resource (in a policy read with
// file() or templatefile(), in a locals block, in the caller's value of a
// module variable) is also matched at that block: a comment above
// `resource "aws_iam_policy" "p"` covers the findings in the JSON that block
// reads. blocks returns a map of the resource addresses of addrs to their
// blocks' ranges (called only when there are Terraform sources to hold
// comments).
func suppressFindings(findings []Finding, sources map[string][]byte, opts Options, ff *fileFilter, cwd string, blocks func(addrs map[string]bool) map[string][]hcl.Range) (kept, suppressed []Finding) {
	ran := map[string]bool{}
	for _, r := range opts.Rules {
		if r != nil {
			ran[r.ID] = true
		}
	}
	known := opts.KnownRules
	if known == nil {
		for id := range ran {
			known = append(known, id)
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	kept = findings
	var problems []Finding
	inline := registeredInline()
	var tf map[string][]byte
	if inline != nil {
		tf = terraformSources(sources)
		if skipNoDirectives && !mayHoldDirectives(tf, registeredDirectiveScan()) {
			inline = nil
		}
	}
	if inline != nil {
		// Anchor findings outside their resource's block (in a file() target,
		// in the caller's value of a module variable, in a locals block) at
		// that block, as an extra related location, removed again afterwards:
		// a comment above the block covers the findings of the block.
		related := map[string][]iam.Related{}
		if len(tf) > 0 { // without Terraform sources, no comment to anchor at
			addrs := map[string]bool{}
			for i := range kept {
				addrs[kept[i].Resource] = true
			}
			picker := &blockPicker{blocks: blocks(addrs), cwd: cwd, idx: map[string]*addrBlocks{}}
			for i := range kept {
				f := &kept[i]
				b, ok := picker.pick(f.Resource, f.Range.Filename)
				if !ok || f.Fingerprint == "" {
					continue
				}
				if b.Filename == f.Range.Filename && b.Start.Line <= f.Range.Start.Line && f.Range.Start.Line <= b.End.Line {
					continue
				}
				related[f.Fingerprint] = f.Related
				f.Related = append(append([]iam.Related(nil), f.Related...), iam.Related{Range: b})
			}
		}
		var sup, probs []Finding
		kept, sup, probs = inline(kept, tf, known, ran, now)
		for _, fs := range [][]Finding{kept, sup} {
			for i := range fs {
				if r, ok := related[fs[i].Fingerprint]; ok {
					fs[i].Related = r
				}
			}
		}
		suppressed = append(suppressed, sup...)
		problems = append(problems, probs...)
	}
	for _, s := range opts.Suppressors {
		if s == nil {
			continue
		}
		var sup, probs []Finding
		kept, sup, probs = s(kept)
		suppressed = append(suppressed, sup...)
		problems = append(problems, probs...)
	}
	if ran[InvalidSuppressionRule] {
		// Problems' fingerprints get the file's directory as other findings'
		// do (relative to the repository root: see fingerprintDirs), and
		// identical comments are told apart by their order.
		dirs := fingerprintDirs{}
		seen := map[string]int{}
		for _, p := range problems {
			p.Range = relRange(p.Range, cwd)
			p.Message = capMessage(p.Message) // as Pass.Report does (a rule name of 100 KB)
			if p.Fingerprint != "" {
				base := p.Fingerprint + "\x00" + dirs.of(p.Range.Filename)
				n := seen[base]
				seen[base] = n + 1
				if n > 0 {
					base += "#" + strconv.Itoa(n)
				}
				h := sha256.Sum256([]byte(base))
				p.Fingerprint = hex.EncodeToString(h[:16])
			}
			if !ff.keep(p.Range.Filename) || (opts.Exclude != nil && opts.Exclude(p.Range.Filename)) {
				continue
			}
			if s, ok := opts.Severities[p.Rule]; ok && s != 0 {
				p.Severity = s
			}
			kept = append(kept, p)
		}
	}
	sortFindings(kept)
	sortFindings(suppressed)
	return kept, suppressed
}

// isTerraformSource reports whether a source file can hold suppression
// comments (native-syntax Terraform and variable files).
func isTerraformSource(name string) bool {
	return fpath.HasSuffixFold(name, ".tf") || fpath.HasSuffixFold(name, ".tofu") || fpath.HasSuffixFold(name, ".tfvars") || fpath.HasSuffixFold(name, ".tftest.hcl")
}

// minSeverity drops findings below min.
func minSeverity(fs []Finding, min Severity) []Finding {
	if min <= 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Severity >= min {
			out = append(out, f)
		}
	}
	return out
}

// SortFindings orders findings as Lint does: by file, line, column, rule, then
// message and resource. For callers that move findings between Result.Findings
// and Result.Suppressed (a baseline).
func SortFindings(fs []Finding) { sortFindings(fs) }

// blockPicker returns, relative to cwd, the block of a finding in file among
// the blocks with its address: the only one, else the one in the same file,
// else the one in the same directory. Several left: none (ambiguous). The
// blocks of an address are made relative and indexed by file and directory
// once: an estate of many roots has hundreds of blocks per address, and
// hundreds of thousands of findings.
type blockPicker struct {
	blocks map[string][]hcl.Range
	cwd    string
	idx    map[string]*addrBlocks
}

type addrBlocks struct {
	rel           []hcl.Range
	byFile, byDir map[string][]int // indexes into rel
}

func (p *blockPicker) pick(addr, file string) (hcl.Range, bool) {
	a := p.idx[addr]
	if a == nil {
		cands := p.blocks[addr]
		a = &addrBlocks{rel: make([]hcl.Range, len(cands)), byFile: map[string][]int{}, byDir: map[string][]int{}}
		for i, c := range cands {
			r := relRange(c, p.cwd)
			a.rel[i] = r
			a.byFile[r.Filename] = append(a.byFile[r.Filename], i)
			d := path.Dir(r.Filename)
			a.byDir[d] = append(a.byDir[d], i)
		}
		p.idx[addr] = a
	}
	if len(a.rel) == 1 {
		return a.rel[0], true
	}
	if hit := a.byFile[file]; len(hit) == 1 {
		return a.rel[hit[0]], true
	}
	if hit := a.byDir[path.Dir(file)]; len(hit) == 1 {
		return a.rel[hit[0]], true
	}
	return hcl.Range{}, false
}
