package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/iamlint/iamlint/internal/credmask"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/internal/hclfast"
	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter/eval"
)

// Options configures Load.
type Options struct {
	Paths    []string // directories and .tf / .tf.json / .tfvars files
	VarFiles []string // --var-file, applied to every root module of the scan
	Vars     []string // --var NAME=VALUE, applied to every root module of the scan
	// VarsAfter[i], when set, is how many --var-file came before Vars[i] on
	// the command line: Terraform applies them in the order given. Without
	// it every --var comes after every --var-file.
	VarsAfter []int

	// Renderers compute the attributes of data sources from their
	// configuration, by data source type (aws_iam_policy_document).
	Renderers map[string]eval.DataRenderer

	// Relevant, when set, says which resource and data source types need
	// their bodies evaluated (see eval.Options.Relevant).
	Relevant func(mode, typ string, src []byte) bool
	// KeepText is eval.Options.KeepText.
	KeepText func(s string) bool

	// Known gives the evaluator what a plan knows of resource and data
	// source instances (see eval.Options.Known).
	Known func(addr string) cty.Value

	// MissingFileWarning reports file()/templatefile() of a missing file as
	// a warning instead of an error (default: error).
	MissingFileWarning bool

	MaxFileSize    int64 // bytes per file; default 4 MiB
	MaxInstances   int   // per count / for_each; default 1024
	MaxModuleDepth int   // nested module calls; default 16

	// Consume, when set, is given the module instances of each root module
	// (the root first, then the instances of the modules it calls) as soon
	// as they are evaluated; root numbers the roots in scan order, from 0.
	// It is called from several goroutines at once. When it returns, the
	// evaluated bodies of the blocks are dropped (Block.Body is nil in the
	// Result): a scan of many roots then holds only what Consume keeps, not
	// every evaluated value at once.
	Consume func(root int, mods []*eval.Module)

	// Calls, when set, is given before the roots are evaluated the roots
	// (by number, as Consume's) and the directories that the module calls
	// of each root and of the directories they reach may reach (edges, a
	// superset of the calls written in those directories' files; all: any
	// directory may be called), cleaned as the modules' Dir.
	Calls func(roots []string, edges map[string][]string, all bool)

	// Skipped, when set, is told the roots that Consume will not be given
	// (their directory could not be read), as they are met: a caller that
	// consumes the roots in order does not wait for them.
	Skipped func(root int)
}

const defaultMaxFileSize = 4 << 20

// DefaultMaxFileSize is the file size limit when Options.MaxFileSize is not
// set (4 MiB).
const DefaultMaxFileSize = defaultMaxFileSize

// newLoader returns a loader for opts, with the evaluation options set.
func newLoader(opts Options) *loader {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	l := &loader{opts: opts, parser: hclparse.NewParser(), sources: map[string][]byte{}, configs: map[string]*dirConfig{},
		modulesJSON: map[string]map[string]string{}, reported: map[string]bool{}, named: map[string]bool{}, refused: map[string]bool{}}
	for _, v := range opts.VarFiles {
		l.named[filepath.Clean(v)] = true // named by the user: read wherever it links
	}
	l.varFileNames, l.varFileStats = varFileNames(opts.VarFiles)
	l.evalOpts = &eval.Options{Renderers: l.opts.Renderers, Relevant: l.opts.Relevant, KeepText: l.opts.KeepText, Known: l.opts.Known, MaxInstances: l.opts.MaxInstances,
		MaxModuleDepth: l.opts.MaxModuleDepth, Sources: l.sources, Mu: &l.mu,
		MissingFileWarning: l.opts.MissingFileWarning,
		LoadModule: func(caller *eval.Config, rootDir, key string, call *eval.Call) (*eval.Config, hcl.Diagnostics) {
			return l.loadModule(caller, rootDir, key, call)
		},
		ReadFile: func(name string) ([]byte, error) {
			// file() reads regular files only: a pipe would block.
			if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
				return nil, fmt.Errorf("not a regular file (a %s)", FileKind(st.Mode()))
			}
			src, d := l.readFile(name)
			if d != nil {
				return nil, fmt.Errorf("%s", strings.TrimSuffix(d.Detail, "."))
			}
			return src, nil
		}}
	if l.evalOpts.MaxInstances <= 0 {
		l.evalOpts.MaxInstances = 1024
	}
	if l.evalOpts.MaxModuleDepth <= 0 {
		l.evalOpts.MaxModuleDepth = 16
	}
	return l
}

// Load finds the root modules under opts.Paths, parses them and evaluates
// each one (with the modules it calls) the way terraform plan would.
func Load(opts Options) *eval.Result {
	l := newLoader(opts)
	res := &eval.Result{Sources: l.sources}

	var roots, varDirs []string
	seen := map[string]bool{}
	// filepath.Abs asks for the working directory at every call (two
	// stats): asked once here for every root the walk finds.
	wd, wdErr := os.Getwd()
	abs := func(d string) string {
		if !filepath.IsAbs(d) && wdErr == nil {
			return fpath.Join(wd, d)
		}
		return d
	}
	// real returns the directory d (cleaned) with its links resolved,
	// asked once per directory.
	reals := map[string]string{}
	real := func(d string) string {
		a := abs(d)
		r, ok := reals[a]
		if !ok {
			var err error
			if r, err = filepath.EvalSymlinks(a); err != nil {
				r = a
			}
			reals[a] = r
		}
		return r
	}
	// One directory named relative and absolute, or through a symbolic
	// link and directly (iamlint live modules/x, where live is a link to
	// modules/x), is one root, named as it came first: it was linted
	// once per name, each finding reported twice. key is d with its links
	// resolved.
	addRoot := func(d, key string) {
		d = fpath.Clean(d)
		if !seen[key] {
			seen[key] = true
			roots = append(roots, d)
		}
	}
	for _, p := range LocalPaths(opts.Paths) {
		if p == "" {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Empty path",
				Detail: `"" was given as a path (an unset variable on the command line?); nothing is read from it.`})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			// Nothing is there: the name is only an argument, which may be
			// a credential given by mistake (--var secret_key wJal..., a
			// space for the =, makes the key a path): masked, at the
			// location too, by its form.
			name, detail := credmask.Missing(p, fmt.Sprintf("%s: %v", p, err))
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read path",
				Detail: detail, Subject: &hcl.Range{Filename: name}})
			continue
		}
		if st.IsDir() {
			l.allow(p)
			mods, vars := findDirs(p, &l.diags, l.readDir)
			// The walk follows no link to a directory: a module under p
			// is under p's real directory.
			base, top := real(p), fpath.Clean(p)
			for _, d := range mods {
				key := base
				if rel, err := filepath.Rel(top, fpath.Clean(d)); err == nil && rel != "." {
					key = fpath.Join(base, rel)
				}
				addRoot(d, key)
			}
			varDirs = append(varDirs, vars...)
			continue
		}
		if !IsConfigFile(p) && !isTfvarsFile(p) {
			detail := fmt.Sprintf("%s is not a .tf, .tf.json, .tofu or .tfvars file.", p)
			if st.Mode()&os.ModeNamedPipe != 0 {
				// iamlint <(terraform show -json plan.tfplan): /dev/fd/63.
				detail = fmt.Sprintf("%s is a pipe, not a .tf, .tf.json, .tofu or .tfvars file; it is not read (to lint a plan from a pipe, pipe it to iamlint -: terraform show -json plan.tfplan | iamlint -).", p)
			}
			if st.Mode().IsRegular() && isStateName(p) {
				detail = fmt.Sprintf("%s is a Terraform state file, not configuration or a plan; it is not read: lint the configuration (the .tf files or their directory) or a plan (terraform plan -out=tfplan && terraform show -json tfplan > plan.json).", p)
			} else if st.Mode().IsRegular() {
				switch fileHead(p) {
				case headZip:
					detail = fmt.Sprintf("%s is a saved plan file (binary, from terraform plan -out), not a .tf, .tf.json, .tofu or .tfvars file: lint its JSON form, terraform show -json %s > plan.json.", p, p)
				case headPlanJSON:
					detail = fmt.Sprintf("%s looks like the JSON of a plan (terraform show -json) but is not named .json: iamlint reads plans from .json files and from standard input (iamlint - < %s).", p, p)
				}
			}
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Terraform file",
				Detail: detail, Subject: &hcl.Range{Filename: p}})
			continue
		}
		l.named[filepath.Clean(p)] = true // named: read even when it links outside
		if d := notLoadedTfvars(p, opts.VarFiles); d != nil {
			l.diags = append(l.diags, d)
		}
		d := filepath.Dir(p)
		l.allow(d)
		addRoot(d, real(d))
	}

	// The .tfvars of directories without Terraform files (envs/prod.tfvars,
	// given to terraform with -var-file) are read too: no root loads
	// them, but they are searched for credentials as unused ones are.
	l.readTfvars(slices.Concat(roots, varDirs))
	if opts.Calls != nil {
		edges, all := l.callGraph(roots)
		opts.Calls(roots, edges, all)
	}
	l.evalOpts.Allowed = l.allowed // the scanned directories, known now
	// Roots are parsed and evaluated in parallel, each on its own, and their
	// results kept in root order. Parsing is lazy: a root's directory and
	// the module directories it calls are parsed when the root is
	// evaluated, and kept in a cache of bounded size (config), so a scan of
	// many roots does not hold every syntax tree at once.
	type rootJob struct {
		index int
		dir   string
		mods  []*eval.Module
		diags hcl.Diagnostics
	}
	jobs := make([]*rootJob, len(roots))
	for i, d := range roots {
		jobs[i] = &rootJob{index: i, dir: d}
	}
	var wg sync.WaitGroup
	work := make(chan *rootJob)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				cfg := l.config(j.dir)
				if cfg == nil {
					if l.opts.Skipped != nil {
						l.opts.Skipped(j.index)
					}
					continue
				}
				l.mu.Lock()
				inputs := l.rootInputs(cfg)
				l.mu.Unlock()
				l.beginRoot(cfg.Dir)
				j.mods, j.diags = l.evaluate(cfg, inputs)
				l.endRoot(cfg.Dir)
				if l.opts.Consume != nil {
					l.opts.Consume(j.index, j.mods)
					for _, m := range j.mods {
						for _, b := range m.Blocks {
							if b != nil {
								b.DropBody()
							}
						}
					}
				}
				l.mu.Lock()
				l.evict()
				l.mu.Unlock()
			}
		}()
	}
	for _, j := range rootOrder(roots, l.readDir) {
		work <- jobs[j]
	}
	close(work)
	wg.Wait()
	l.pre = nil // what no root parsed
	l.diags = append(l.diags, l.undeclaredVars()...)
	for _, j := range jobs {
		res.Modules = append(res.Modules, j.mods...)
		l.diags = append(l.diags, j.diags...)
	}
	// Every Terraform and tfvars file read, in a stable order.
	for name := range l.sources {
		if IsConfigFile(name) || isTfvarsFile(name) {
			res.Files = append(res.Files, name)
		}
	}
	sort.Strings(res.Files)
	if len(l.uncalled) > 0 {
		l.diags = slices.DeleteFunc(l.diags, func(d *hcl.Diagnostic) bool {
			return d.Summary == "Cannot read directory" && d.Subject != nil && d.Subject.Start.Line == 0 &&
				l.uncalled[fpath.Clean(d.Subject.Filename)]
		})
	}
	sortDiags(l.diags)
	res.Diags = l.diags
	return res
}

// notLoadedTfvars returns a notice when name, a path argument, is a .tfvars
// file that terraform does not load on its own (only terraform.tfvars and
// *.auto.tfvars are) and that is not a --var-file of varFiles: its values
// are applied by no one, and "0 findings" would say nothing of it.
func notLoadedTfvars(name string, varFiles []string) *hcl.Diagnostic {
	base := filepath.Base(name)
	if !isTfvarsFile(base) || base == "terraform.tfvars" || base == "terraform.tfvars.json" || isAutoTfvars(base) {
		return nil
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil
	}
	for _, v := range varFiles {
		if va, err := filepath.Abs(v); err == nil && va == abs {
			return nil
		}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Variables file not applied",
		Detail: fmt.Sprintf("%s is not loaded by terraform on its own (only terraform.tfvars and *.auto.tfvars are), "+
			"so its values were not applied: lint with them with --var-file %s.", name, name),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// LocalPaths returns paths with each absolute path inside the current
// directory made relative to it, the form of the module directories its
// calls name when it is named relative: iamlint live $PWD/modules would
// otherwise lint modules/x twice, once as a root and once as live's call
// (../../modules/x). Paths outside the current directory are kept as they
// are (a relative path that climbs with .. is read through the current
// directory's real parent, which is not always the parent its name says).
func LocalPaths(paths []string) []string {
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	var out []string
	for i, p := range paths {
		if !filepath.IsAbs(p) {
			continue
		}
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			if out == nil {
				out = slices.Clone(paths)
			}
			out[i] = rel
		}
	}
	if out == nil {
		return paths
	}
	return out
}

// rootOrder returns the order in which to evaluate the roots (indexes into
// roots): those that hold at least 1/16 of all the source bytes first,
// biggest first (a big root started last would leave the other workers
// idle at the end), then the others in directory order, which keeps a root
// next to the module directories it calls, so that their parsed files are
// still in the cache when they are evaluated as roots themselves.
func rootOrder(roots []string, readDir func(string) ([]fs.DirEntry, error)) []int {
	size := make([]int64, len(roots))
	// A file's size is one lstat: the roots are measured on every CPU.
	par.For(len(roots), 8, func(i int) {
		entries, err := readDir(roots[i])
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.IsDir() || !IsConfigFile(e.Name()) {
				continue
			}
			if info, err := e.Info(); err == nil {
				size[i] += info.Size()
			}
		}
	})
	var total int64
	for _, n := range size {
		total += n
	}
	var big, rest []int
	for i := range roots {
		if len(roots) > 1 && size[i]*16 >= total {
			big = append(big, i)
		} else {
			rest = append(rest, i)
		}
	}
	sort.SliceStable(big, func(a, b int) bool { return size[big[a]] > size[big[b]] })
	return append(big, rest...)
}

// configCacheBytes bounds the source bytes of the parsed module directories
// kept in the cache (their syntax trees and configurations take about 16
// times as much). 2 MiB holds dozens to hundreds of modules; a scan of an
// estate reuses a directory right after parsing it (a root, then the
// modules it calls, linted as roots next in directory order), and 8 MiB
// held about 130 MB of trees: the peak heap of loading a 1,000-file estate
// was 590 MB, with 2 MiB 350 MB, with the same directories parsed (no
// directory of the 1,000-file estate or of ../shared/corpus/real is parsed
// twice with either bound, or with 1 MiB).
const configCacheBytes = 2 << 20

// dirConfig is the parsed configuration of a module directory in the cache.
type dirConfig struct {
	ready chan struct{} // closed once cfg and size are set
	cfg   *eval.Config  // nil when the directory cannot be read
	size  int           // source bytes
	used  int64         // loader.clock at the last use
}

type loader struct {
	opts     Options
	parser   *hclparse.Parser
	sources  map[string][]byte
	configs  map[string]*dirConfig // the cache (config, evict)
	cached   int                   // source bytes of the ready entries of configs
	clock    int64
	reported map[string]bool // directories whose parse diagnostics were recorded
	// uncalled are the module directories a call could not list (its
	// error is at the call's source): the walk's error for the same
	// directory, at it alone, is left out.
	uncalled    map[string]bool
	modulesJSON map[string]map[string]string // root dir -> key -> dir
	dirs        map[string]dirState          // module directories (moduleDir)
	allowed     []string                     // the scanned directories, absolute, symlinks resolved
	allowedAs   []string                     // allowed[i] as the user named it (cleaned): the walk's names start so
	treeNames   map[string]string            // treeName's answers, by module directory
	named       map[string]bool              // the files named by the user (path arguments, --var-file), cleaned
	refused     map[string]bool              // .tfvars files refused by outsideLink (readTfvars), not asked again
	tfvarsRead  map[string]*tfvarsFile       // the .tfvars files read for a root (tfvars), by name
	diags       hcl.Diagnostics              // guarded by mu during evaluation
	mu          sync.Mutex                   // guards parser, sources, configs, cached, clock, reported, modulesJSON, dirs, diags while roots are evaluated
	listMu      sync.Mutex                   // guards listings
	listings    map[string]dirListing
	evalOpts    *eval.Options

	// varFileNames are the names the --var-files are read under
	// (varFileNames), varFileStats what is at each (nil: no regular file).
	varFileNames []string
	varFileStats []os.FileInfo

	// rootsRead counts the root modules whose inputs were collected, and
	// declared holds the variables they declare (guarded by mu):
	// undeclaredVars names the --var that none of them declares.
	rootsRead int
	declared  map[string]bool
	// undeclSaid holds the file and name (file NUL name) of each .tfvars
	// value whose variable is undeclared and said (undeclaredInFile).
	undeclSaid map[string]bool

	// The files the call graph's scan read (callGraph), by name, until
	// parseDir takes them (guarded by mu): a file is read once per run,
	// not once for the scan and again for its parse. preBytes is their
	// size so far, at most preReadMax.
	pre      map[string][]byte
	preBytes int64

	// The tokens of the module directories (tokensOf) and of the roots
	// being evaluated with the modules they call (rootUse), guarded by
	// tokMu.
	tokMu   sync.Mutex
	dirToks map[string]*dirTokens
	roots   map[string]*rootUse
	// runRepeated is the tokens of module directories evaluated again
	// that the roots drew from the run's pool (repeatCheck), guarded by
	// tokMu.
	runRepeated int
}

// preReadMax bounds the bytes of the files that the call graph's scan
// keeps for the roots' parse (loader.pre). Every file parsed is kept in
// the run's sources to the end anyway; the bound holds only the files the
// scan reads that no root parses (a source string the evaluation does not
// follow), and those read before their root is evaluated.
const preReadMax = 256 << 20

// keepPre keeps the bytes the scan read of the file name for parseDir,
// within preReadMax.
func (l *loader) keepPre(name string, src []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.pre[name]; ok || l.preBytes+int64(len(src)) > preReadMax {
		return
	}
	if l.pre == nil {
		l.pre = map[string][]byte{}
	}
	l.pre[name] = src
	l.preBytes += int64(len(src))
}

func (l *loader) allow(dir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	l.allowed = append(l.allowed, abs)
	l.allowedAs = append(l.allowedAs, filepath.Clean(dir))
}

// treeName is the name under which the module directory dir is read: dir,
// unless a symbolic link on its way leads into a scanned directory, where
// it is that directory as the walk of the tree names it (live/iam ->
// ../modules/iam is read as modules/iam when the scan holds modules/iam).
// A module is one directory however it is called, as the loop check in
// eval takes it (real paths): its findings were reported twice before,
// under live/iam/... for the call and modules/iam/... for the directory
// linted as a root, with two fingerprints. A link that leads outside the
// scanned directories keeps the name as written: the name of a directory
// the user did not name is not printed.
func (l *loader) treeName(dir string) string {
	l.mu.Lock()
	name, ok := l.treeNames[dir]
	l.mu.Unlock()
	if ok {
		return name
	}
	name = dir
	if abs, err := filepath.Abs(dir); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
			if i, rel := l.allowedHolding(real); i >= 0 {
				name = filepath.Join(l.allowedAs[i], rel)
			}
		}
	}
	l.mu.Lock()
	if l.treeNames == nil {
		l.treeNames = map[string]string{}
	}
	l.treeNames[dir] = name
	l.mu.Unlock()
	return name
}

// Within reports whether path is dir or below it (both absolute and
// clean, as EvalSymlinks gives them; / holds every path), and path
// relative to dir.
func Within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	return rel, err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// allowedHolding returns the index in l.allowed of the first scanned
// directory that holds path (absolute, its links resolved), and path
// relative to it; -1 for none.
func (l *loader) allowedHolding(path string) (int, string) {
	for i, a := range l.allowed {
		if rel, ok := Within(a, path); ok {
			return i, rel
		}
	}
	return -1, ""
}

// outsideLink returns an error when name, a file found in a directory of the
// scan, is a symbolic link to a file outside the scanned tree, and nil
// otherwise (not a link, a link that stays inside, a file the user named).
// A hostile repository could otherwise hold x.tf -> /home/runner/.env: a
// dotenv line parses as an HCL attribute, and the parse error of the next
// line would quote it in a public CI log.
//
// The scanned tree is the scanned directories (the path arguments, the
// directory of a named file) and the directory name is in, with its
// subdirectories: a local module called from outside the path arguments
// (live/prod calling ../../modules/x) is read, as terraform reads it, and
// the module's directory is the tree for the links in it. A dangling or
// looping link, or one to something that is not a regular file, is left to
// readFile, which reads nothing of it and says why.
//
// Only links are resolved (one Lstat per file the listing does not show as
// regular): a tree without links costs nothing more.
func (l *loader) outsideLink(name string) *hcl.Diagnostic {
	st, err := os.Lstat(name)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 || l.named[filepath.Clean(name)] {
		return nil
	}
	abs, real, ok := realPath(name)
	if !ok {
		return nil
	}
	if fi, err := os.Stat(real); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	if i, _ := l.allowedHolding(real); i >= 0 {
		return nil
	}
	if base, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		if _, ok := Within(base, real); ok {
			return nil
		}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Symlink outside the scanned tree",
		Detail: fmt.Sprintf("%s is a symbolic link to a file outside the scanned tree; iamlint does not read it. "+
			"Name it as a path to lint it.", name),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// outsideDirLink is the error for a file of root module rootDir's own
// directories (name, .terraform/modules/modules.json) that a link to a
// directory on its way (.terraform -> ../elsewhere, .terraform/modules ->
// /home/u/.terraform.d) leads outside the root module and the scanned tree:
// outsideLink looks at the file alone, which is then no link. nil when it
// stays inside, or when it cannot tell (the file is then not found).
func (l *loader) outsideDirLink(rootDir, name string) *hcl.Diagnostic {
	_, realRoot, ok := realPath(rootDir)
	if !ok {
		return nil
	}
	_, real, ok := realPath(name)
	if !ok {
		return nil
	}
	if _, ok := Within(realRoot, real); ok {
		return nil
	}
	if i, _ := l.allowedHolding(real); i >= 0 {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Symlink outside the scanned tree",
		Detail:  fmt.Sprintf("%s is under a symbolic link to a directory outside the scanned tree; iamlint does not read it.", name),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// realPath is the absolute path of p and that path with its symbolic links
// resolved; false when either cannot be told.
func realPath(p string) (abs, real string, ok bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", "", false
	}
	real, err = filepath.EvalSymlinks(abs)
	return abs, real, err == nil
}

// What fileHead finds at the start of a file.
const (
	headOther    = iota
	headZip      // a zip archive, as a plan saved by terraform plan -out
	headPlanJSON // a JSON object with a format_version near its start
)

// fileHead tells what the regular file p starts with (its first 4 KiB).
func fileHead(p string) int {
	f, err := os.Open(p)
	if err != nil {
		return headOther
	}
	defer func() { _ = f.Close() }()
	var head [4096]byte
	n, _ := io.ReadFull(f, head[:])
	b := head[:n]
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return headZip
	case bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("{")) && bytes.Contains(b, []byte(`"format_version"`)):
		return headPlanJSON
	}
	return headOther
}

// IsConfigFile reports whether name is a configuration file: .tf, .tf.json,
// or OpenTofu's .tofu and .tofu.json.
func IsConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") ||
		strings.HasSuffix(name, ".tofu") || strings.HasSuffix(name, ".tofu.json")
}

// tofuTwin returns the OpenTofu file that replaces the .tf or .tf.json file
// name (foo.tf -> foo.tofu, foo.tf.json -> foo.tofu.json), or "".
func tofuTwin(name string) string {
	switch {
	case strings.HasSuffix(name, ".tf"):
		return strings.TrimSuffix(name, ".tf") + ".tofu"
	case strings.HasSuffix(name, ".tf.json"):
		return strings.TrimSuffix(name, ".tf.json") + ".tofu.json"
	}
	return ""
}

// shadowed reports whether the .tf or .tf.json file name has an OpenTofu
// twin among names (a directory's entry names): OpenTofu reads foo.tofu
// and ignores foo.tf, and so does iamlint.
func shadowed(name string, has func(string) bool) bool {
	t := tofuTwin(name)
	return t != "" && has(t)
}

// ReplacedByTofu is the summary of the notice of a .tf file not read because
// an OpenTofu file replaces it (replacedByTofu).
const ReplacedByTofu = "File replaced by an OpenTofu file"

// replacedByTofu is the notice of file, a .tf or .tf.json file that its
// OpenTofu twin (tofuTwin) replaces.
func replacedByTofu(file string) *hcl.Diagnostic {
	base := filepath.Base(file)
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: ReplacedByTofu,
		Detail: fmt.Sprintf("%s is not read: %s replaces it, as OpenTofu reads them (Terraform ignores .tofu files and reads %s).",
			file, tofuTwin(base), base),
		Subject: &hcl.Range{Filename: file, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// entryNames returns a test of whether entries hold a .tofu or .tofu.json
// file of a name (what shadowed looks for).
func entryNames(entries []fs.DirEntry) func(string) bool {
	var set map[string]bool
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".tofu") || strings.HasSuffix(n, ".tofu.json")) {
			if set == nil {
				set = map[string]bool{}
			}
			set[n] = true
		}
	}
	return func(n string) bool { return set[n] }
}

// isTfvarsFile reports whether name is a variables file (.tfvars or
// .tfvars.json).
func isTfvarsFile(name string) bool {
	return strings.HasSuffix(name, ".tfvars") || strings.HasSuffix(name, ".tfvars.json")
}

// isAutoTfvars reports whether the base name of a variables file is one
// terraform loads on its own: *.auto.tfvars(.json); terraform.tfvars and
// terraform.tfvars.json are the others (rootInputs).
func isAutoTfvars(base string) bool {
	return strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json")
}

// findModuleDirs returns every directory under root (root included) that
// holds .tf or .tf.json files, skipping .terraform and hidden directories.
// readDir lists a directory (loader.readDir keeps the listing for the
// steps after); it must be safe for concurrent use.
//
// It walks the tree as filepath.WalkDir would (symbolic links below root
// are not followed; a directory that cannot be read is reported and what
// could be listed of it is walked), but lists each directory once, with
// readDir, and the subdirectories on every CPU: on a large tree the walk
// is otherwise tens of milliseconds on one CPU before anything is parsed.
// The result and the diagnostics do not depend on scheduling.
func findModuleDirs(root string, diags *hcl.Diagnostics, readDir func(string) ([]fs.DirEntry, error)) []string {
	dirs, _ := findDirs(root, diags, readDir)
	return dirs
}

// findDirs is findModuleDirs, and also returns the directories without
// Terraform files that hold .tfvars or .tfvars.json files (vars).
func findDirs(root string, diags *hcl.Diagnostics, readDir func(string) ([]fs.DirEntry, error)) (dirs, vars []string) {
	walkRoot := root
	if st, err := os.Lstat(root); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		// A named path that is a symbolic link to a directory is followed
		// (WalkDir would not descend into it); links below it are not.
		walkRoot = root + string(filepath.Separator)
	}
	st, err := os.Lstat(walkRoot)
	if err != nil {
		*diags = append(*diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read directory",
			Detail: errDetail(err), Subject: &hcl.Range{Filename: walkRoot}})
		return nil, nil
	}
	if !st.IsDir() {
		return nil, nil
	}
	w := &dirWalker{readDir: readDir, tokens: make(chan struct{}, runtime.GOMAXPROCS(0)-1)}
	top := w.walk(walkRoot)
	var visit func(n *walkedDir)
	visit = func(n *walkedDir) {
		if n.module {
			dirs = append(dirs, n.path)
		} else if n.vars {
			vars = append(vars, n.path)
		}
		*diags = append(*diags, n.diags...)
		for _, k := range n.kids {
			visit(k)
		}
	}
	visit(top)
	sort.Strings(dirs)
	sort.Strings(vars)
	return dirs, vars
}

// dirWalker walks a directory tree for findModuleDirs; tokens bounds the
// extra goroutines (a subdirectory is walked in line when none is free).
type dirWalker struct {
	readDir func(string) ([]fs.DirEntry, error)
	tokens  chan struct{}
}

// walkedDir is what findModuleDirs learnt of one directory: whether it
// holds Terraform files, the error listing it, and its subdirectories in
// lexical order (the order of the listing).
type walkedDir struct {
	path   string
	module bool
	vars   bool // not a module, and holds .tfvars or .tfvars.json files
	diags  hcl.Diagnostics
	kids   []*walkedDir
}

func (w *dirWalker) walk(p string) *walkedDir {
	n := &walkedDir{path: p}
	entries, err := w.readDir(p)
	if err != nil {
		// Reported with the error of listing p as named (readDir cleans
		// the path), as WalkDir reports it.
		if _, err2 := osReadDir(p); err2 != nil {
			err = err2
		}
		n.diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read directory",
			Detail: errDetail(err), Subject: &hcl.Range{Filename: p}}}
	}
	for _, e := range entries {
		if !e.IsDir() && IsConfigFile(e.Name()) {
			n.module = err == nil
			break
		}
		n.vars = n.vars || !e.IsDir() && isTfvarsFile(e.Name())
	}
	n.vars = n.vars && !n.module
	var subdirs []string
	for _, e := range entries {
		if name := e.Name(); e.IsDir() && name != ".terraform" && !strings.HasPrefix(name, ".") {
			subdirs = append(subdirs, fpath.Join(p, name))
		}
	}
	n.kids = make([]*walkedDir, len(subdirs))
	var wg sync.WaitGroup
	for k, child := range subdirs {
		select {
		case w.tokens <- struct{}{}:
			wg.Add(1)
			go func() {
				defer wg.Done()
				n.kids[k] = w.walk(child)
				<-w.tokens
			}()
		default:
			n.kids[k] = w.walk(child)
		}
	}
	wg.Wait()
	return n
}

type parsed struct {
	name  string
	src   []byte
	file  *hcl.File
	diags hcl.Diagnostics
}

// osReadDir is os.ReadDir (a variable for the tests: a directory that
// cannot be listed, when they run as root).
var osReadDir = os.ReadDir

// readDir is os.ReadDir, once per directory: a directory is listed to find
// the roots, to order them, for its Terraform files and its .tfvars.
func (l *loader) readDir(dir string) ([]fs.DirEntry, error) {
	dir = fpath.Clean(dir)
	l.listMu.Lock()
	d, ok := l.listings[dir]
	l.listMu.Unlock()
	if ok {
		return d.entries, d.err
	}
	entries, err := osReadDir(dir)
	l.listMu.Lock()
	if l.listings == nil {
		l.listings = map[string]dirListing{}
	}
	l.listings[dir] = dirListing{entries, err}
	l.listMu.Unlock()
	return entries, err
}

// listed reports whether a directory listing has an entry named name, in
// any case (a file system may ignore it).
func listed(entries []fs.DirEntry, name string) bool {
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			return true
		}
	}
	return false
}

// dirListing is what readDir read of a directory.
type dirListing struct {
	entries []fs.DirEntry
	err     error
}

// tfFiles lists the Terraform files of a directory in lexical order.
func (l *loader) tfFiles(dir string) ([]string, error) {
	names, _, _, err := l.tfFileEntries(dir)
	return names, err
}

// tfFileEntries is tfFiles, also saying which of the files the listing
// shows as regular files (not links, pipes, devices), and the .tf and
// .tf.json files not read because an OpenTofu file replaces them.
func (l *loader) tfFileEntries(dir string) (names []string, regular []bool, replaced []string, err error) {
	entries, err := l.readDir(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	has := entryNames(entries)
	for _, e := range entries {
		if e.IsDir() || !IsConfigFile(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if shadowed(e.Name(), has) {
			replaced = append(replaced, fpath.Join(dir, e.Name()))
			continue
		}
		names = append(names, fpath.Join(dir, e.Name()))
		regular = append(regular, e.Type().IsRegular())
	}
	return names, regular, replaced, nil
}

// parseDir parses the Terraform files of a module directory (in parallel)
// and builds its configuration; size is the bytes of its files. Sources
// already read are parsed again from the same bytes (a directory dropped
// from the cache); diagnostics are recorded the first time only.
func (l *loader) parseDir(dir string) (cfg *eval.Config, size int) {
	names, regular, replaced, err := l.tfFileEntries(dir)
	l.mu.Lock()
	first := !l.reported[dir]
	l.reported[dir] = true
	if first {
		for _, f := range replaced {
			l.diags = append(l.diags, replacedByTofu(f))
		}
	}
	srcs := make([][]byte, len(names))
	for i, n := range names {
		srcs[i] = l.sources[n]
		if srcs[i] == nil && regular[i] {
			// Read by the call graph's scan as readRegularFile reads
			// it (keepPre): handed over.
			if src, ok := l.pre[n]; ok {
				srcs[i] = src
				delete(l.pre, n)
			}
		}
	}
	l.mu.Unlock()
	if err != nil {
		if first {
			l.mu.Lock()
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read directory",
				Detail: errDetail(err), Subject: &hcl.Range{Filename: dir}})
			l.mu.Unlock()
		}
		return nil, 0
	}
	results := make([]parsed, len(names))
	// The files are read, then the directory's tokens counted (tokensOf:
	// which files it parses), then the files parsed.
	inParallel(len(names), func(i int) {
		if srcs[i] == nil {
			src, d := l.readConfigFile(names[i], regular[i])
			if d != nil {
				results[i] = parsed{name: names[i], diags: hcl.Diagnostics{d}}
			}
			srcs[i] = src
		}
	})
	dt := l.tokensOf(dir, names, srcs)
	inParallel(len(names), func(i int) {
		switch {
		case srcs[i] == nil: // not read: results[i] says why
		case dt.refused[i] != nil:
			results[i] = parsed{name: names[i], src: srcs[i], diags: dt.refused[i]}
		default:
			results[i] = l.parseFileRegular(names[i], srcs[i], regular[i])
		}
	})
	var files []*hcl.File
	for i := range results {
		r := &results[i]
		size += len(r.src)
		if r.file != nil {
			files = append(files, r.file)
		}
	}
	if w, exact := dt.weight(); exact {
		// Dense files take more of the cache than their bytes say.
		size = max(size, nativeBytesPerToken*w)
	}
	cfg, diags := eval.NewConfig(dir, files)
	l.mu.Lock()
	for i := range results {
		r := &results[i]
		if r.src != nil && l.sources[r.name] == nil {
			l.sources[r.name] = r.src
		}
		if first {
			l.diags = append(l.diags, r.diags...)
		}
	}
	if first {
		l.diags = append(l.diags, diags...)
	}
	l.mu.Unlock()
	return cfg, size
}

// inParallel calls do(i) for i in [0, n) on every CPU, the caller taking
// its share: most directories hold a few small files, and handing each to
// another goroutine (while the caller waits) cost more than parsing it.
func inParallel(n int, do func(i int)) {
	var next atomic.Int64
	run := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			do(i)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run()
		}()
	}
	run()
	wg.Wait()
}

// readFile reads a file (a configuration, a .tfvars, a file() target)
// within the size limit. Every buffer it returns is a new allocation, owned
// by the caller and never changed or reused afterwards: the trees parsed
// from it (hclfast.ParseConfig) and the sources of the run share its bytes.
// Do not pool read buffers.
func (l *loader) readFile(name string) ([]byte, *hcl.Diagnostic) {
	src, d := l.readNamed(name)
	if d != nil && d.Subject != nil && d.Subject.Filename == name {
		// Nothing there (a --var-file $AWS_ACCESS_KEY_ID): the name is
		// only an argument, masked by its form, at the location too.
		d.Subject.Filename, d.Detail = credmask.Missing(name, d.Detail)
	}
	return src, d
}

// readNamed is readFile, the names in its errors as they are.
func (l *loader) readNamed(name string) ([]byte, *hcl.Diagnostic) {
	at := &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}
	tooLarge := func(size string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File too large",
			Detail: fmt.Sprintf("%s is %s than the limit of %d bytes (--max-file-size); it is not read.", name, size, l.opts.MaxFileSize), Subject: at}
	}
	st, err := os.Stat(name)
	if err == nil && st.Size() > l.opts.MaxFileSize {
		return nil, tooLarge(fmt.Sprintf("%d bytes, more", st.Size()))
	}
	if err == nil && !st.Mode().IsRegular() && !st.IsDir() && (IsConfigFile(name) || isTfvarsFile(name)) {
		// A Terraform file found in a tree that is a device, a pipe or a
		// socket (a symlink to /dev/zero or /dev/stdin) would be read for
		// ever or block. A --var-file named as a pipe (<(...)) is read.
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a regular file",
			Detail: fmt.Sprintf("%s is a %s, not a regular file; it is not read.", name, FileKind(st.Mode())), Subject: at}
	}
	if err == nil && st.Mode().IsRegular() {
		return l.readStated(name, st.Size(), at, tooLarge)
	}
	// Not a regular file (a pipe the user named, <(...)): read at most the
	// limit, opened without waiting (a named pipe no process writes to
	// reads as empty, not a wait for ever).
	f, err := regfile.Open(name)
	if err != nil {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: errDetail(err), Subject: at}
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, l.opts.MaxFileSize+1))
	if err != nil {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: errDetail(err), Subject: at}
	}
	if int64(len(src)) > l.opts.MaxFileSize {
		return nil, tooLarge("longer") // read up to the limit
	}
	return src, nil
}

// readStated reads name, which its stat showed as a regular file of size
// bytes (0 for a /proc file too), to its end but no further than the limit,
// from what it opens: opened without blocking and checked with fstat, since
// the path may have changed since the stat (a tree changing while it is
// scanned: a named pipe, waited for for ever, or a link to /dev/zero, read
// for ever, had taken its place).
func (l *loader) readStated(name string, size int64, at *hcl.Range, tooLarge func(string) *hcl.Diagnostic) ([]byte, *hcl.Diagnostic) {
	cannot := func(detail string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: detail, Subject: at}
	}
	f, err := regfile.Open(name)
	if err != nil {
		return nil, cannot(err.Error())
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, cannot(err.Error())
	} else if !st.Mode().IsRegular() {
		return nil, cannot(fmt.Sprintf("%s changed while it was read: it is now a %s, not a regular file; it is not read.", name, FileKind(st.Mode())))
	}
	src := make([]byte, 0, min(size, l.opts.MaxFileSize)+1)
	for {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if int64(len(src)) > l.opts.MaxFileSize {
			return nil, tooLarge("longer") // grew while read
		}
		if err == io.EOF {
			return src, nil
		}
		if err != nil {
			return nil, cannot(err.Error())
		}
	}
}

// readRegularFile is readFile for a file its directory listing shows as a
// regular file, so that opening it cannot block: opened first and checked
// with fstat (readFile's stat looks the path up once more). Anything it
// does not find regular and non-empty goes through readFile. As with
// readFile, the buffer is never changed or reused (hclfast trees share it).
func (l *loader) readRegularFile(name string) ([]byte, *hcl.Diagnostic) {
	src, ok, err := readRegular(name, l.opts.MaxFileSize)
	if !ok {
		return l.readFile(name)
	}
	if err != nil {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: errDetail(err),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
	}
	return src, nil
}

// EmptyPipe is the warning for a file the user named (--var-file,
// --config) that is a pipe and read as empty (src): a named pipe that no
// process writes to is opened without waiting and reads as empty, as one
// whose writer wrote nothing does, and a user who meant it to be read
// learns why nothing was. st is the file's stat if known (else it is
// stat'ed). Nil for a file with content and for anything but a pipe
// (/dev/null, an empty regular file: read as empty on purpose).
func EmptyPipe(name string, src []byte, st fs.FileInfo) *hcl.Diagnostic {
	if len(src) > 0 {
		return nil
	}
	if st == nil {
		var err error
		if st, err = os.Stat(name); err != nil {
			return nil
		}
	}
	if st.Mode()&fs.ModeNamedPipe == 0 {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Read as empty",
		Detail: fmt.Sprintf("%s is a pipe and gave no bytes: no process writes to it, or its writer wrote nothing "+
			"(the two read the same); it is read as empty.", name),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// FileKind names what a file that is not a regular one is (a directory, a
// named pipe, a socket, a device).
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// parseFile parses one file, read first unless src is given; a file with
// syntax errors is dropped (its diagnostics are kept).
func (l *loader) parseFile(name string, src []byte) (p parsed) {
	return l.parseFileRegular(name, src, false)
}

// readConfigFile reads the Terraform file name of a module directory,
// which its listing shows as a regular file (regular) or not known to be
// one (a link to outside the tree is not read).
func (l *loader) readConfigFile(name string, regular bool) (src []byte, d *hcl.Diagnostic) {
	if regular {
		return l.readRegularFile(name)
	}
	if d = l.outsideLink(name); d != nil {
		return nil, d
	}
	return l.readFile(name)
}

// binaryProbeMin: readRegular (unix) reads only the first eval.BinaryProbe
// bytes of a file larger than this that holds a NUL there (eval.CheckText
// says it is binary from them).
const binaryProbeMin = 1 << 20

// parseFileRegular is parseFile for a file its directory listing shows as
// a regular file (regular) or not known to be one.
func (l *loader) parseFileRegular(name string, src []byte, regular bool) (p parsed) {
	p.name = name
	if src == nil {
		var d *hcl.Diagnostic
		if src, d = l.readConfigFile(name, regular); d != nil {
			p.diags = hcl.Diagnostics{d}
			return p
		}
	}
	p.src = src
	defer func() {
		if r := recover(); r != nil {
			p.file = nil
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Parser failure",
				Detail: fmt.Sprintf("%s could not be parsed: %v%s", name, r, debugStack()), Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}})
		}
	}()
	ds, stray := refuseText(src, name, isJSONName(name), l.opts.MaxFileSize)
	if ds != nil {
		p.diags = ds
		return p
	}
	if strings.HasSuffix(name, ".json") && bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		// hcl/json (and so terraform) reads a BOM as a bad first value.
		p.diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Byte order mark in JSON configuration",
			Detail:  fmt.Sprintf("%s starts with a UTF-8 byte order mark, which JSON configuration does not allow (terraform rejects it too); save it without one.", name),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}}
		return p
	}
	f, diags, refused := parseText(src, name, isJSONName(name), stray)
	if refused != nil {
		p.diags = refused
		return p
	}
	p.diags = capDiags(diags, name)
	if !diags.HasErrors() {
		p.file = f
	} else {
		// A syntax error stays an error of the run (exit 2), but the blocks
		// the parser recovered whole are still linted: a typo in one block
		// must not hide the wildcard in the next.
		p.file = intactBlocks(f, diags)
	}
	return p
}

// refuseText returns the error that refuses the text src of the file name
// before it is parsed: not text (UTF-16, binary: one error, not one per
// byte the parser cannot read), nested too deep, more tokens than
// fileTokenLimit(maxSize) allows (or not HCL, when so), literals too big
// (eval.CheckLiterals, for native syntax; JSON has no heredocs and its
// strings are checked when evaluated); nil for text to parse. stray says
// whether notHCL was asked (and took the text).
func refuseText(src []byte, name string, isJSON bool, maxSize int64) (ds hcl.Diagnostics, stray bool) {
	if d := eval.CheckText(src, name); d != nil {
		return hcl.Diagnostics{d}, false
	}
	if !isJSON {
		if d := eval.CheckLineBreaks(src, name); d != nil {
			return hcl.Diagnostics{d}, false
		}
	}
	check := eval.CheckNesting
	if isJSON {
		check = eval.CheckJSONNesting
	}
	if d := check(src, name, eval.MaxNesting); d != nil {
		return hcl.Diagnostics{d}, false
	}
	if d := checkTokens(src, name, isJSON, maxSize); d != nil {
		// Text that is not HCL (4 MB of "$") is said to be that.
		if !isJSON {
			if ds := notHCL(src, name); ds != nil {
				return ds, true
			}
		}
		return hcl.Diagnostics{d}, false
	}
	if isJSON || !eval.LiteralsScanned(src, false) {
		return nil, false
	}
	// The literals' check scans the file (or lexes it with hclsyntax's
	// scanner, a token and 100 bytes a byte of a file of "$", for text
	// eval.CheckLiterals does not scan itself): text that is not HCL is
	// refused before it, as before hclsyntax's parse.
	if ds := notHCL(src, name); ds != nil {
		return ds, true
	}
	if d := eval.CheckLiterals(src, name, false); d != nil {
		return hcl.Diagnostics{d}, true
	}
	return nil, true
}

// parseText parses src, the text of the file name that refuseText took
// (stray: and notHCL with it): JSON by hcl/json, native syntax by hclfast
// or, when hclfast declines it, by hclsyntax unless notHCL refuses it.
// refused is what refuses the file (not HCL, expressions nested too deep),
// else diags are the parse's.
func parseText(src []byte, name string, isJSON, stray bool) (f *hcl.File, diags, refused hcl.Diagnostics) {
	if isJSON {
		if !isTfvarsFile(name) { // variables may be named format_version and values
			if d := showJSON(src, name); d != nil {
				return nil, nil, hcl.Diagnostics{d}
			}
		}
		f, diags = hcljson.Parse(src, name)
	} else if f = hclfast.ParseConfig(src, name); f == nil { // the tree shares src (l.sources too): never change it
		if !stray {
			if ds := notHCL(src, name); ds != nil {
				return nil, nil, ds
			}
		}
		f, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if !utf8.Valid(src) {
			placeDiags(src, diags)
		}
	}
	if b, ok := bodyOf(f); ok {
		if d := eval.CheckDepth(b, name, eval.MaxExprDepth); d != nil {
			return nil, nil, hcl.Diagnostics{d}
		}
	}
	return f, diags, nil
}

// showJSON returns the error of src, a .tf.json or .tofu.json file, when
// it is the output of terraform show -json (a plan or a state) rather than
// configuration: a JSON object with a string format_version and
// planned_values or resource_changes (a plan) or values (a state), and no
// member that is a top-level block of configuration. Read as
// configuration, its members were no block iamlint reads: a plan saved as
// tfplan.tf.json was linted as nothing, 0 findings, exit 0. Terraform
// refuses the file ("Extraneous JSON object property"). Nil for any other
// file; files without "format_version" are not decoded.
func showJSON(src []byte, name string) *hcl.Diagnostic {
	if !bytes.Contains(src, []byte(`"format_version"`)) {
		return nil
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return nil // hcl/json says what is wrong
	}
	if v, ok := top["format_version"]; !ok || len(v) == 0 || v[0] != '"' {
		return nil
	}
	for k := range top {
		if _, block := configBlocks[k]; block {
			return nil
		}
	}
	what := ""
	switch {
	case top["planned_values"] != nil || top["resource_changes"] != nil:
		what = "plan"
	case top["values"] != nil:
		what = "state"
	default:
		return nil
	}
	base := filepath.Base(name)
	renamed := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf"), ".tfvars") + ".json"
	detail := fmt.Sprintf("%s is the JSON of a Terraform %s (terraform show -json), not configuration: Terraform refuses it in a configuration directory, and iamlint does not read it as one.", name, what)
	if what == "plan" {
		detail += fmt.Sprintf(" To lint the plan, name it .json (iamlint %s) or pipe it (iamlint - < %s).", renamed, base)
	} else {
		detail += " iamlint lints configuration and plans (terraform plan -out=tfplan && terraform show -json tfplan > plan.json), not states."
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not Terraform configuration", Detail: detail,
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.Pos{Line: 1, Column: 2, Byte: 1}}}
}

// configBlocks are the top-level members of JSON configuration (and the
// block types of Terraform and OpenTofu files iamlint ignores).
var configBlocks = map[string]struct{}{"variable": {}, "locals": {}, "output": {}, "module": {}, "resource": {}, "data": {},
	"provider": {}, "terraform": {}, "moved": {}, "import": {}, "check": {}, "removed": {}, "ephemeral": {}}

// placeDiags sets the line and column of the diagnostics' subjects and
// contexts from their byte offsets in src. hclsyntax counts lines by
// grapheme clusters, and after a byte that is not UTF-8 one may swallow the
// newline that follows: the error at the end of "\xec\n0\"" was said at
// 1:3, not 2:3, and every later one a line short (found by FuzzConfig).
func placeDiags(src []byte, diags hcl.Diagnostics) {
	starts := []int{0} // byte offsets of the lines' starts
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	place := func(p *hcl.Pos) {
		if p.Byte < 0 || p.Byte > len(src) {
			return
		}
		p.Line = sort.Search(len(starts), func(i int) bool { return starts[i] > p.Byte })
		p.Column = textpos.Column(src, p.Byte)
	}
	for _, d := range diags {
		for _, r := range []*hcl.Range{d.Subject, d.Context} {
			if r != nil {
				place(&r.Start)
				place(&r.End)
			}
		}
	}
}

// maxFileDiags is the most parse diagnostics kept of one file; one more
// says how many are left out. hcl says "Invalid character" once per byte:
// a 4 MB file of "$" had 4,000,001 errors, 379 MB of text report on stdout
// and as much on stderr (19 CPU s, 2.6 GB).
const maxFileDiags = 1000

// capDiags returns the first maxFileDiags of the parse diagnostics ds of
// the file name, and one more that counts the rest.
func capDiags(ds hcl.Diagnostics, name string) hcl.Diagnostics {
	if len(ds) <= maxFileDiags {
		return ds
	}
	return append(ds[:maxFileDiags:maxFileDiags], &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many errors",
		Detail:  fmt.Sprintf("%s has %d more parse errors, not listed.", name, len(ds)-maxFileDiags),
		Subject: ds[maxFileDiags].Subject})
}

// bodyOf returns the native-syntax body of f, if it has one.
func bodyOf(f *hcl.File) (*hclsyntax.Body, bool) {
	if f == nil {
		return nil, false
	}
	b, ok := f.Body.(*hclsyntax.Body)
	return b, ok
}

// intactBlocks returns f with only the top-level blocks of native syntax that
// no error falls inside, or nil when there are none (or f is JSON).
func intactBlocks(f *hcl.File, diags hcl.Diagnostics) *hcl.File {
	if f == nil {
		return nil
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	var keep hclsyntax.Blocks
	for _, b := range body.Blocks {
		rng := b.Range()
		clean := true
		for _, d := range diags {
			if d.Severity == hcl.DiagError && (d.Subject == nil ||
				d.Subject.Start.Byte < rng.End.Byte && d.Subject.End.Byte >= rng.Start.Byte) {
				clean = false
				break
			}
		}
		if clean {
			keep = append(keep, b)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	nb := *body
	nb.Blocks = keep
	nb.Attributes = hclsyntax.Attributes{}
	return &hcl.File{Body: &nb, Bytes: f.Bytes, Nav: f.Nav}
}

// config returns the parsed configuration of a module directory, from the
// cache or parsed now (once, when several roots ask at the same time).
func (l *loader) config(dir string) *eval.Config {
	dir = fpath.Clean(dir)
	l.mu.Lock()
	dc, ok := l.configs[dir]
	if !ok {
		dc = &dirConfig{ready: make(chan struct{})}
		l.configs[dir] = dc
	}
	l.clock++
	dc.used = l.clock
	l.mu.Unlock()
	if ok {
		<-dc.ready
		return dc.cfg
	}
	cfg, size := l.parseDir(dir)
	l.mu.Lock()
	dc.cfg, dc.size = cfg, size
	l.cached += size
	close(dc.ready)
	l.mu.Unlock()
	return cfg
}

// evict drops the least recently used configurations from the cache while
// it holds more than configCacheBytes of source. A configuration still in
// use by an evaluation stays alive there; the cache only forgets it (a later
// use parses the directory again). The caller holds l.mu.
func (l *loader) evict() {
	if l.cached <= configCacheBytes {
		return
	}
	type entry struct {
		dir string
		dc  *dirConfig
	}
	var ready []entry
	for d, dc := range l.configs {
		select {
		case <-dc.ready:
			ready = append(ready, entry{d, dc})
		default:
		}
	}
	sort.Slice(ready, func(a, b int) bool { return ready[a].dc.used < ready[b].dc.used })
	for _, e := range ready {
		if l.cached <= configCacheBytes/2 {
			break
		}
		delete(l.configs, e.dir)
		l.cached -= e.dc.size
	}
}

func (l *loader) loadModule(caller *eval.Config, rootDir, key string, call *eval.Call) (*eval.Config, hcl.Diagnostics) {
	var dir string
	if eval.IsLocalSource(call.Source) {
		dir = fpath.Join(caller.Dir, filepath.FromSlash(call.Source))
	} else {
		l.mu.Lock()
		m := l.modulesIndex(rootDir)
		d, ok := m[key]
		l.mu.Unlock()
		if !ok {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Module not followed",
				Detail:  fmt.Sprintf("module %s (source %q) not followed: run terraform init to download it.", call.Name, redactSource(call.Source)),
				Subject: call.Range.Ptr()}}
		}
		dir = manifestDir(rootDir, d)
	}
	dir = l.treeName(dir)
	isDir, noTF := l.moduleDir(dir)
	if !isDir {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Module directory not found",
			Detail:  fmt.Sprintf("module %s: there is no directory %s; the module is not evaluated.", call.Name, dir),
			Subject: call.Range.Ptr()}}
	}
	if noTF {
		// A source such as "../../../etc": say so rather than evaluate an
		// empty module in silence.
		return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Module directory without Terraform files",
			Detail:  fmt.Sprintf("module %s: %s holds no .tf or .tf.json file; the module is not evaluated.", call.Name, dir),
			Subject: call.Range.Ptr()}}
	}
	if _, err := l.tfFiles(dir); err != nil {
		// (A listing that failed: moduleDir found the directory.) Said at
		// the call's source, which parseDir's error, at the directory
		// alone, did not say: not repeated there.
		l.mu.Lock()
		l.reported[dir] = true
		if l.uncalled == nil {
			l.uncalled = map[string]bool{}
		}
		l.uncalled[fpath.Clean(dir)] = true
		l.mu.Unlock()
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read directory",
			Detail:  fmt.Sprintf("module %s: %s; the module is not evaluated.", call.Name, errDetail(err)),
			Subject: call.SourceRange.Ptr()}}
	}
	if d := l.rootCheck(rootDir, dir, call); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	cfg := l.config(dir)
	if cfg == nil {
		return nil, nil
	}
	return cfg, nil
}

// moduleDir says whether dir is a directory and whether it is one without
// Terraform files, looked up once per directory: every module instance
// that calls a module asks.
func (l *loader) moduleDir(dir string) (isDir, noTF bool) {
	l.mu.Lock()
	st, ok := l.dirs[dir]
	l.mu.Unlock()
	if ok {
		return st.isDir, st.noTF
	}
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		st.isDir = true
		names, err := l.tfFiles(dir)
		st.noTF = err == nil && len(names) == 0
	}
	l.mu.Lock()
	if l.dirs == nil {
		l.dirs = map[string]dirState{}
	}
	l.dirs[dir] = st
	l.mu.Unlock()
	return st.isDir, st.noTF
}

// dirState is what moduleDir found of a directory.
type dirState struct{ isDir, noTF bool }

// modulesIndex reads .terraform/modules/modules.json of a root module.
func (l *loader) modulesIndex(rootDir string) map[string]string {
	if m, ok := l.modulesJSON[rootDir]; ok {
		return m
	}
	m := map[string]string{}
	l.modulesJSON[rootDir] = m
	name := filepath.Join(rootDir, ".terraform", "modules", "modules.json")
	st, err := os.Stat(name)
	if err != nil {
		return m
	}
	// A regular file of the tree only: its Dir values are quoted in
	// messages, and a link to /dev/zero would be read for ever. The caller
	// holds l.mu (diags).
	if d := l.outsideLink(name); d != nil {
		l.diags = append(l.diags, d)
		return m
	}
	if !st.Mode().IsRegular() {
		l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a regular file",
			Detail:  fmt.Sprintf("%s is a %s, not a regular file; it is not read.", name, FileKind(st.Mode())),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}})
		return m
	}
	if d := l.outsideDirLink(rootDir, name); d != nil {
		l.diags = append(l.diags, d)
		return m
	}
	if st.Size() > l.opts.MaxFileSize {
		// Not read, as no file past the limit is (a 3 GB modules.json was
		// read whole, twice: 28 s and 3.1 GB of memory, with no word), and
		// an error as a .tf past it is (it was a notice: exit 0 with the
		// modules terraform init installed not linted).
		l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File too large",
			Detail: fmt.Sprintf("%s is %d bytes, more than the limit of %d bytes (--max-file-size); it is not read, so the modules that terraform init installed are not followed.",
				name, st.Size(), l.opts.MaxFileSize),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}})
		return m
	}
	src, d := l.readStated(name, st.Size(), &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
		func(string) *hcl.Diagnostic { return nil })
	if src == nil {
		why := fmt.Errorf("it grew past the limit of %d bytes (--max-file-size) while it was read, and is not read", l.opts.MaxFileSize)
		if d != nil {
			why = fmt.Errorf("%s", strings.TrimSuffix(d.Detail, "."))
		}
		l.diags = append(l.diags, modulesJSONDiag(name, nil, 0, why))
		return m
	}
	var doc struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		// Said, not skipped: the modules it lists are then not followed
		// (their calls get "Module not followed" as if terraform init had
		// not run), which a reader would otherwise blame on the wrong cause.
		off := len(src)
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			off = int(syn.Offset) - 1
		case errors.As(err, &typ):
			off = int(typ.Offset) - 1
		}
		l.diags = append(l.diags, modulesJSONDiag(name, src, off, err))
		return m
	}
	for _, e := range doc.Modules {
		if e.Key != "" {
			m[e.Key] = e.Dir
		}
	}
	return m
}

// modulesJSONDiag is the warning for a modules.json (name) that cannot be
// read (src nil) or is not the JSON terraform init writes: at byte off of
// src, where the error is.
func modulesJSONDiag(name string, src []byte, off int, err error) *hcl.Diagnostic {
	pos := hcl.InitialPos
	if src != nil {
		off = min(max(off, 0), len(src))
		pos = hcl.Pos{Line: 1 + bytes.Count(src[:off], []byte{'\n'}), Column: textpos.Column(src, off), Byte: off}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Invalid modules.json",
		Detail:  fmt.Sprintf("%s cannot be used (%v): the modules that terraform init installed are not followed. Run terraform init again.", name, err),
		Subject: &hcl.Range{Filename: name, Start: pos, End: pos}}
}

// debugStack returns the current goroutine's stack, on a new line, when
// IAMLINT_DEBUG is set (iamlint --debug sets it), and "" otherwise.
func debugStack() string {
	if os.Getenv("IAMLINT_DEBUG") == "" {
		return ""
	}
	return "\n" + string(debug.Stack())
}

// evaluate evaluates one root module, turning a panic into a diagnostic.
func (l *loader) evaluate(cfg *eval.Config, inputs map[string]*eval.Node) (mods []*eval.Module, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			mods = nil
			// The error names the module's first file (a directory is not a
			// position a report can show); the other roots are still evaluated.
			subject := &hcl.Range{Filename: cfg.Dir}
			if len(cfg.Files) > 0 && cfg.Files[0] != nil {
				if rng := cfg.Files[0].Body.MissingItemRange(); rng.Filename != "" {
					subject = &hcl.Range{Filename: rng.Filename, Start: hcl.InitialPos, End: hcl.InitialPos}
				}
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error evaluating module",
				Detail:  fmt.Sprintf("Evaluating the module in %s failed: %v. Please report this.%s", cfg.Dir, r, debugStack()),
				Subject: subject})
		}
	}()
	return eval.Evaluate(cfg, inputs, l.evalOpts)
}

// rootInputs collects the variable values of a root module: terraform.tfvars,
// *.auto.tfvars (lexical order), --var-file, --var; later ones win.
func (l *loader) rootInputs(cfg *eval.Config) map[string]*eval.Node {
	inputs := map[string]*eval.Node{}
	l.rootsRead++
	if len(l.opts.Vars) > 0 || len(l.opts.VarFiles) > 0 {
		if l.declared == nil {
			l.declared = map[string]bool{}
		}
		for name := range cfg.Variables {
			l.declared[name] = true
		}
	}
	var files []string
	entries, lerr := l.readDir(cfg.Dir)
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if lerr == nil && !listed(entries, n) {
			continue // not there: no need to ask
		}
		p := filepath.Join(cfg.Dir, n)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	if lerr == nil {
		for _, e := range entries {
			if !e.IsDir() && isAutoTfvars(e.Name()) {
				files = append(files, filepath.Join(cfg.Dir, e.Name()))
			}
		}
	}
	for _, name := range files {
		for k, n := range l.tfvars(name, cfg) {
			inputs[k] = n
		}
		if tf := l.tfvarsRead[name]; tf != nil {
			l.diags = append(l.diags, l.undeclaredInFile(name, tf, func(k string) bool { return cfg.Variables[k] != nil })...)
		}
	}
	// --var-file and --var in command-line order.
	v := 0
	applyVars := func(files int) {
		for ; v < len(l.opts.Vars) && (len(l.opts.VarsAfter) != len(l.opts.Vars) || l.opts.VarsAfter[v] <= files); v++ {
			kv := l.opts.Vars[v]
			name, val, ok := strings.Cut(kv, "=")
			if !ok || name == "" {
				l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid --var",
					Detail: fmt.Sprintf("%q must be NAME=VALUE.", credmask.Text(kv))}) // --var $AWS_SECRET_ACCESS_KEY
				continue
			}
			inputs[name] = l.cliVar(cfg, name, val)
		}
	}
	for i := range l.opts.VarFiles {
		if len(l.opts.VarsAfter) == len(l.opts.Vars) {
			applyVars(i)
		}
		for k, n := range l.tfvars(l.varFileName(i, files), cfg) {
			inputs[k] = n
		}
	}
	applyVars(len(l.opts.VarFiles))
	return inputs
}

// varFileNames returns the names the --var-files are read under, and what
// is at each (os.Stat; nil when it is not a regular file): a file is read,
// and its errors said, under one name, however it is spelled. A name is
// cleaned (./dev.tfvars is dev.tfvars, the name the walk gives it) when
// the clean name is the same file (a/../b is not b when a is a link); a
// file named again (dev.tfvars $PWD/dev.tfvars, through a link) is read
// under its first name, and so is a name that nothing can be read at,
// named again in a spelling with the same clean name (cleanSame:
// ./nope.tfvars nope.tfvars). Before, each spelling was a file of its own:
// read and parsed again, counted again, and an error that names its file
// (File too large, UTF-16 file, Cannot read file) said once per spelling.
func varFileNames(varFiles []string) ([]string, []os.FileInfo) {
	names := slices.Clone(varFiles)
	stats := make([]os.FileInfo, len(varFiles))
	missing := make([]string, len(varFiles)) // the clean names of those that are not there
	for i, v := range varFiles {
		st, err := os.Stat(v)
		if err != nil && cleanSame(v) {
			missing[i] = filepath.Clean(v)
			if j := slices.Index(missing[:i], missing[i]); j >= 0 {
				names[i] = names[j] // its error said once, as first named
			}
		}
		if err != nil || !st.Mode().IsRegular() {
			continue // a pipe is read as named
		}
		stats[i] = st
		if c := filepath.Clean(v); c != v {
			if cst, err := os.Stat(c); err == nil && os.SameFile(st, cst) {
				names[i] = c
			}
		}
		for j := range i {
			if stats[j] != nil && os.SameFile(stats[j], st) {
				names[i] = names[j]
				break
			}
		}
	}
	return names, stats
}

// cleanSame reports whether the clean name of path v (filepath.Clean) is
// the same path, whatever is on the file system: v differs from it only by
// "." elements and repeated separators before its last element (not by a
// ".." element, a/../b, which is not b when a is a link, nor by a "." or a
// separator at its end, dev.tfvars/, which is no file).
func cleanSame(v string) bool {
	elems := strings.Split(filepath.ToSlash(v), "/")
	last := elems[len(elems)-1]
	return last != "" && last != "." && !slices.Contains(elems, "..")
}

// varFileName returns the name the --var-file i is read under for a root
// whose terraform.tfvars and *.auto.tfvars are auto: the name of the one
// it is, if any (iamlint --var-file ./terraform.tfvars ., or with the
// directory named absolute: the file is read, and its errors said, once),
// else varFileNames's.
func (l *loader) varFileName(i int, auto []string) string {
	name, st := l.varFileNames[i], l.varFileStats[i]
	if st == nil {
		return name
	}
	for _, f := range auto {
		if f == name {
			return f
		}
		if fst, err := os.Stat(f); err == nil && os.SameFile(st, fst) {
			return f
		}
	}
	return name
}

// undeclaredVars returns a notice for each --var NAME=VALUE (once per NAME)
// whose NAME no root module of the run declares: its value is applied to
// nothing. Terraform refuses such a value ("Value for undeclared
// variable"); it went unsaid, and a mistyped name left the variable it
// meant at its default in silence. A name that some roots declare and
// others do not is said of none: --var applies to every root of a scan.
func (l *loader) undeclaredVars() hcl.Diagnostics {
	if l.rootsRead == 0 {
		return nil
	}
	var ds hcl.Diagnostics
	said := map[string]bool{}
	for _, kv := range l.opts.Vars {
		name, _, ok := strings.Cut(kv, "=")
		if !ok || name == "" || l.declared[name] || said[name] {
			continue // an invalid --var has its error
		}
		said[name] = true
		ds = append(ds, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Value for undeclared variable",
			Detail: fmt.Sprintf("--var %s=... names a variable that no root module of this run declares; it is not used. Check its name (Terraform refuses it).", name)})
	}
	for _, name := range l.varFileNames {
		if tf := l.tfvarsRead[name]; tf != nil {
			ds = append(ds, l.undeclaredInFile(name, tf, func(k string) bool { return l.declared[k] })...)
		}
	}
	return ds
}

// undeclaredInFile returns a notice at each value of the .tfvars file name
// (tf) whose variable declared does not know, once per file and name: a
// mistyped name in terraform.tfvars, *.auto.tfvars or a --var-file (acitons
// = ["iam:*"]) left the variable it meant at its default in silence.
// Terraform warns of it ("Value for undeclared variable"). The value is not
// printed (it may be a secret). A --var-file applies to every root of a
// scan: declared is then whether any of them declares it.
func (l *loader) undeclaredInFile(name string, tf *tfvarsFile, declared func(string) bool) hcl.Diagnostics {
	var ds hcl.Diagnostics
	for k, a := range tf.attrs {
		if declared(k) || a == nil {
			continue
		}
		key := name + "\x00" + k
		if l.undeclSaid[key] {
			continue
		}
		if l.undeclSaid == nil {
			l.undeclSaid = map[string]bool{}
		}
		l.undeclSaid[key] = true
		rng := a.NameRange
		ds = append(ds, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Value for undeclared variable",
			Detail:  fmt.Sprintf("%s sets %q, a variable that no root module it applies to declares; the value is not used. Check its name, or declare the variable (Terraform warns of it).", filepath.Base(name), k),
			Subject: &rng})
	}
	sortDiags(ds)
	return ds
}

// tfvarsFile is a .tfvars file's values (tfvars).
type tfvarsFile struct {
	attrs hcl.Attributes
	diags hcl.Diagnostics // JustAttributes' (said for each root, as before)
}

// tfvars returns the values of the .tfvars file name that the root cfg
// reads. The first root that reads the file evaluates every value, and
// says what is wrong with each; a later root evaluates only those of the
// variables it declares (no other is read; what was said of the others is
// the same for every root): a --var-file of 10,000 values was evaluated
// whole for each root, and with 1,000 roots (/tmp/bench/e1k) ran past 2
// minutes.
func (l *loader) tfvars(name string, cfg *eval.Config) map[string]*eval.Node {
	if tf := l.tfvarsRead[name]; tf != nil {
		l.diags = append(l.diags, tf.diags...)
		out := map[string]*eval.Node{}
		static := eval.Statics(l.sources)
		for k := range cfg.Variables {
			if a := tf.attrs[k]; a != nil {
				n, ds := static(a.Expr)
				l.diags = append(l.diags, ds...)
				out[k] = n
			}
		}
		return out
	}
	src, ok := l.sources[name]
	var f *hcl.File
	var diags hcl.Diagnostics
	if !ok {
		if l.refused[name] {
			return nil // readTfvars said so
		}
		d := l.outsideLink(name)
		if d == nil {
			src, d = l.readFile(name)
		}
		if d != nil {
			l.diags = append(l.diags, d)
			return nil
		}
		if d := EmptyPipe(name, src, nil); d != nil {
			l.diags = append(l.diags, d)
		}
		l.sources[name] = src
	}
	if cached := l.parser.Files()[name]; cached != nil {
		f = cached
	} else {
		// A .tfvars file saved as UTF-16 or binary: one error, as a .tf
		// file's (it was one per byte: 100,001 errors for 100 KB of NULs,
		// six "Invalid character" for PowerShell's x = "y").
		ds, stray := refuseText(src, name, isJSONName(name), l.opts.MaxFileSize)
		if ds != nil {
			l.diags = append(l.diags, ds...)
			return nil
		}
		var refused hcl.Diagnostics
		if f, diags, refused = parseText(src, name, isJSONName(name), stray); refused != nil {
			l.diags = append(l.diags, refused...)
			return nil
		}
		l.diags = append(l.diags, capDiags(diags, name)...)
		if diags.HasErrors() || f == nil {
			return nil
		}
		l.parser.AddFile(name, f)
	}
	attrs, diags := f.Body.JustAttributes()
	l.diags = append(l.diags, diags...)
	if l.tfvarsRead == nil {
		l.tfvarsRead = map[string]*tfvarsFile{}
	}
	l.tfvarsRead[name] = &tfvarsFile{attrs: attrs, diags: diags}
	out := map[string]*eval.Node{}
	static := eval.Statics(l.sources)
	for k, a := range attrs {
		n, ds := static(a.Expr)
		l.diags = append(l.diags, ds...)
		out[k] = n
	}
	return out
}

// cliVar interprets a --var value: a literal string for a variable of
// primitive or no type, an HCL expression otherwise (as terraform does).
func (l *loader) cliVar(cfg *eval.Config, name, val string) *eval.Node {
	fname := "<value for var." + name + ">"
	rng := hcl.Range{Filename: fname, Start: hcl.InitialPos, End: hcl.Pos{Line: 1, Column: 1 + len(val), Byte: len(val)}}
	decl := cfg.Variables[name]
	if decl == nil || !decl.HasType || decl.Type.IsPrimitiveType() {
		return &eval.Node{Val: cty.StringVal(val), Range: rng}
	}
	notParsed := "the value is not parsed, and var." + name + " is unknown"
	if d := eval.CheckNesting([]byte(val), fname, eval.MaxNesting); d != nil {
		l.diags = append(l.diags, eval.ValueNotParsed(d, notParsed))
		return &eval.Node{Val: cty.DynamicVal, Range: rng}
	}
	x, diags := hclsyntax.ParseExpression([]byte(val), fname, hcl.InitialPos)
	if diags.HasErrors() {
		if !utf8.ValidString(val) {
			placeDiags([]byte(val), diags)
		}
		l.diags = append(l.diags, diags...)
		return &eval.Node{Val: cty.DynamicVal, Range: rng}
	}
	if d := eval.CheckDepth(x, fname, eval.MaxExprDepth); d != nil {
		l.diags = append(l.diags, eval.ValueNotParsed(d, notParsed))
		return &eval.Node{Val: cty.DynamicVal, Range: rng}
	}
	n, ds := eval.Static(x, map[string][]byte{fname: []byte(val)})
	l.diags = append(l.diags, ds...)
	return n
}

// sortDiags orders diagnostics by position (roots are evaluated in parallel).
func sortDiags(ds hcl.Diagnostics) {
	key := func(d *hcl.Diagnostic) (string, int, int) {
		if d.Subject == nil {
			return "", 0, 0
		}
		return d.Subject.Filename, d.Subject.Start.Byte, d.Subject.End.Byte
	}
	sort.SliceStable(ds, func(i, j int) bool {
		fi, bi, ei := key(ds[i])
		fj, bj, ej := key(ds[j])
		if fi != fj {
			return fi < fj
		}
		if bi != bj {
			return bi < bj
		}
		if ei != ej {
			return ei < ej
		}
		if ds[i].Severity != ds[j].Severity {
			return ds[i].Severity < ds[j].Severity
		}
		if ds[i].Summary != ds[j].Summary {
			return ds[i].Summary < ds[j].Summary
		}
		return ds[i].Detail < ds[j].Detail
	})
}

// readTfvars puts every .tfvars file of the root directories into Sources
// (those not loaded automatically too), so rules and reports can read them.
func (l *loader) readTfvars(dirs []string) {
	for _, d := range dirs {
		entries, err := l.readDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !isTfvarsFile(n) {
				continue
			}
			name := fpath.Join(d, n)
			if _, ok := l.sources[name]; ok {
				continue
			}
			if e.Type()&fs.ModeSymlink != 0 {
				if d := l.outsideLink(name); d != nil {
					l.diags = append(l.diags, d)
					l.refused[name] = true
					continue
				}
			}
			src, diag := l.readFile(name)
			if diag != nil {
				l.diags = append(l.diags, diag)
				continue
			}
			l.sources[name] = src
		}
	}
}

// ParseAside reads and parses a Terraform file (.tf, .tf.json, .tfvars,
// .tfvars.json) that is read aside from a Load, for its constant values
// (the variable defaults and .tfvars of a plan's source): with the checks
// Load makes of a file, so that a file no Load would read hangs or crashes
// nothing here either. It is nil for a file that is not a regular file
// (a symbolic link too: the directory's own files only), is longer than
// maxSize (<= 0: the default, 4 MiB), is not text, nests too deeply, is
// not HCL, or does not parse.
func ParseAside(name string, maxSize int64) *hcl.File {
	if maxSize <= 0 {
		maxSize = defaultMaxFileSize
	}
	if st, err := os.Lstat(name); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	src, err := regfile.Read(name, maxSize)
	if err != nil {
		return nil
	}
	isJSON := isJSONName(name)
	ds, stray := refuseText(src, name, isJSON, maxSize)
	if ds != nil {
		return nil
	}
	f, diags, refused := parseText(src, name, isJSON, stray)
	if refused != nil || diags.HasErrors() {
		return nil
	}
	return f
}

// sourceQueryKept are the query parameters of a module source whose values
// are printed: the others may hold credentials (s3's aws_access_key_secret,
// git's sshkey, a signed URL's signature), and are "****".
var sourceQueryKept = map[string]bool{"ref": true, "depth": true, "archive": true, "checksum": true}

// redactSource returns a module source as it may be printed: the password
// of a URL (https://user:TOKEN@host), the user of an http(s) URL
// (https://TOKEN@github.com) and the values of its query parameters but a
// few (ref, depth, archive, checksum) are "****". The source was printed
// whole in the notice that a module was not followed: an access token
// written in it was in every report.
func redactSource(src string) string {
	prefix, rest := "", src
	if i := strings.Index(rest, "::"); i > 0 && !strings.ContainsAny(rest[:i], "/:") {
		prefix, rest = rest[:i+2], rest[i+2:]
	}
	base, query, hasQuery := strings.Cut(rest, "?")
	if j := strings.Index(base, "://"); j >= 0 {
		scheme := strings.ToLower(base[:j])
		host := base[j+3:]
		end := strings.IndexByte(host, '/')
		if end < 0 {
			end = len(host)
		}
		if at := strings.LastIndexByte(host[:end], '@'); at >= 0 {
			user, _, hasPass := strings.Cut(host[:at], ":")
			switch {
			case hasPass:
				user += ":****"
			case scheme == "http" || scheme == "https":
				user = "****"
			}
			base = base[:j+3] + user + host[at:]
		}
	}
	if hasQuery {
		params := strings.Split(query, "&")
		for i, p := range params {
			k, _, hasValue := strings.Cut(p, "=")
			if hasValue && !sourceQueryKept[strings.ToLower(k)] {
				params[i] = k + "=****"
			}
		}
		base += "?" + strings.Join(params, "&")
	}
	return prefix + base
}

// isJSONName reports whether the file name is of JSON syntax (.tf.json,
// .tfvars.json).
func isJSONName(name string) bool { return strings.HasSuffix(name, ".json") }

// ParseNative parses src, a file of HCL native syntax whatever its name
// (.iamlint.hcl, a --config file), with the checks Load makes of a .tf
// file: not text, nesting, not HCL, literals, expression depth. It returns
// the file, or nil and the diagnostics that refuse it; parse errors past
// the first 1,000 are counted in one more. A configuration of 4 MB of "$"
// was parsed into 4,000,000 errors, each printed (49 MB of stderr in 60 s,
// not done).
func ParseNative(src []byte, name string) (*hcl.File, hcl.Diagnostics) {
	ds, stray := refuseText(src, name, false, defaultMaxFileSize)
	if ds != nil {
		return nil, ds
	}
	f, diags, refused := parseText(src, name, false, stray)
	if refused != nil {
		return nil, refused
	}
	return f, capDiags(diags, name)
}

// isStateName reports whether p is named as Terraform names its state
// files: terraform.tfstate, *.tfstate, *.tfstate.backup.
func isStateName(p string) bool {
	b := strings.ToLower(filepath.Base(p))
	return strings.HasSuffix(b, ".tfstate") || strings.HasSuffix(b, ".tfstate.backup")
}

// maxErrPath is the longest path an error's detail names whole.
const maxErrPath = 256

// errDetail is err's text, with the path of a path error longer than
// maxErrPath shortened to its two ends: the diagnostic is located at that
// path already, and a path of thousands of bytes (a tree nested past
// PATH_MAX) pushed the reason ("file name too long") past the end of the
// message as printed (cut at 2,000 bytes).
func errDetail(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) || len(pe.Path) <= maxErrPath {
		return err.Error()
	}
	a, b := maxErrPath/2, len(pe.Path)-maxErrPath/2 // cut at character starts
	for a > 0 && !utf8.RuneStart(pe.Path[a]) {
		a--
	}
	for b < len(pe.Path) && !utf8.RuneStart(pe.Path[b]) {
		b++
	}
	head, tail := pe.Path[:a], pe.Path[b:]
	return fmt.Sprintf("%s %s...%s (a path of %d bytes): %v", pe.Op, head, tail, len(pe.Path), pe.Err)
}
