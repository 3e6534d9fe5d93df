package load

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// Options configures Load.
type Options struct {
	Paths    []string // directories and .tf / .tf.json / .tfvars files
	VarFiles []string // --var-file, applied to every root module of the scan
	Vars     []string // --var NAME=VALUE, applied to every root module of the scan

	// Renderers compute the attributes of data sources from their
	// configuration, by data source type (aws_iam_policy_document).
	Renderers map[string]eval.DataRenderer

	// MissingFileWarning reports file()/templatefile() of a missing file as
	// a warning instead of an error (default: error).
	MissingFileWarning bool

	MaxFileSize    int64 // bytes per file; default 4 MiB
	MaxInstances   int   // per count / for_each; default 1024
	MaxModuleDepth int   // nested module calls; default 16
}

const defaultMaxFileSize = 4 << 20

// Load finds the root modules under opts.Paths, parses them and evaluates
// each one (with the modules it calls) the way terraform plan would.
func Load(opts Options) *eval.Result {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	l := &loader{opts: opts, parser: hclparse.NewParser(), sources: map[string][]byte{}, configs: map[string]*dirConfig{},
		modulesJSON: map[string]map[string]string{}}
	res := &eval.Result{Sources: l.sources}

	var roots []string
	seen := map[string]bool{}
	addRoot := func(d string) {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			roots = append(roots, d)
		}
	}
	for _, p := range opts.Paths {
		st, err := os.Stat(p)
		if err != nil {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read path",
				Detail: fmt.Sprintf("%s: %v", p, err), Subject: &hcl.Range{Filename: p}})
			continue
		}
		if st.IsDir() {
			l.allow(p)
			for _, d := range findModuleDirs(p, &l.diags) {
				addRoot(d)
			}
			continue
		}
		if !isTFFile(p) && !strings.HasSuffix(p, ".tfvars") && !strings.HasSuffix(p, ".tfvars.json") {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Terraform file",
				Detail: fmt.Sprintf("%s is not a .tf, .tf.json or .tfvars file.", p), Subject: &hcl.Range{Filename: p}})
			continue
		}
		d := filepath.Dir(p)
		l.allow(d)
		addRoot(d)
	}

	l.parseDirs(roots)
	l.readTfvars(roots)
	l.evalOpts = &eval.Options{Renderers: l.opts.Renderers, MaxInstances: l.opts.MaxInstances,
		MaxModuleDepth: l.opts.MaxModuleDepth, Allowed: l.allowed, Sources: l.sources, Mu: &l.mu,
		MissingFileWarning: l.opts.MissingFileWarning,
		LoadModule: func(caller *eval.Config, rootDir, key string, call *eval.Call) (*eval.Config, hcl.Diagnostics) {
			l.mu.Lock()
			defer l.mu.Unlock()
			return l.loadModule(caller, rootDir, key, call)
		},
		ReadFile: func(name string) ([]byte, error) {
			src, d := l.readFile(name)
			if d != nil {
				return nil, fmt.Errorf("%s", d.Detail)
			}
			return src, nil
		}}
	if l.evalOpts.MaxInstances <= 0 {
		l.evalOpts.MaxInstances = 1024
	}
	if l.evalOpts.MaxModuleDepth <= 0 {
		l.evalOpts.MaxModuleDepth = 16
	}
	// Root inputs are read first (sequentially); roots are then evaluated in
	// parallel, each on its own, and their results kept in root order.
	type rootJob struct {
		cfg    *eval.Config
		inputs map[string]*eval.Node
		mods   []*eval.Module
		diags  hcl.Diagnostics
	}
	var jobs []*rootJob
	for _, d := range roots {
		dc := l.configs[d]
		if dc == nil || dc.cfg == nil {
			continue
		}
		jobs = append(jobs, &rootJob{cfg: dc.cfg, inputs: l.rootInputs(dc.cfg)})
	}
	var wg sync.WaitGroup
	work := make(chan *rootJob)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.mods, j.diags = l.evaluate(j.cfg, j.inputs)
			}
		}()
	}
	// Biggest roots first (by source bytes, module calls counted): a big
	// root started last would leave the other workers idle at the end.
	// Results are still kept in root order.
	order := make([]*rootJob, len(jobs))
	copy(order, jobs)
	weight := make(map[*rootJob]int, len(jobs))
	for _, j := range order {
		weight[j] = l.weight(j.cfg)
	}
	sort.SliceStable(order, func(a, b int) bool { return weight[order[a]] > weight[order[b]] })
	for _, j := range order {
		work <- j
	}
	close(work)
	wg.Wait()
	for _, j := range jobs {
		res.Modules = append(res.Modules, j.mods...)
		l.diags = append(l.diags, j.diags...)
	}
	// Every Terraform and tfvars file read, in a stable order.
	for name := range l.sources {
		if isTFFile(name) || strings.HasSuffix(name, ".tfvars") || strings.HasSuffix(name, ".tfvars.json") {
			res.Files = append(res.Files, name)
		}
	}
	sort.Strings(res.Files)
	sortDiags(l.diags)
	res.Diags = l.diags
	return res
}

// weight estimates the cost of evaluating a root module: the bytes of its
// files, plus (once each) those of the local module directories it calls.
func (l *loader) weight(cfg *eval.Config) int {
	n := 0
	seen := map[string]bool{}
	var add func(c *eval.Config, depth int)
	add = func(c *eval.Config, depth int) {
		if c == nil || seen[c.Dir] || depth > 4 {
			return
		}
		seen[c.Dir] = true
		for _, f := range c.Files {
			if f != nil {
				n += len(f.Bytes)
			}
		}
		for _, call := range c.Calls {
			if eval.IsLocalSource(call.Source) {
				if dc := l.configs[filepath.Join(c.Dir, filepath.FromSlash(call.Source))]; dc != nil {
					add(dc.cfg, depth+1)
				}
			}
		}
	}
	add(cfg, 0)
	return n
}

type dirConfig struct {
	cfg *eval.Config
}

type loader struct {
	opts        Options
	parser      *hclparse.Parser
	sources     map[string][]byte
	configs     map[string]*dirConfig
	modulesJSON map[string]map[string]string // root dir -> key -> dir
	allowed     []string
	diags       hcl.Diagnostics // guarded by mu during evaluation
	mu          sync.Mutex      // guards parser, sources, configs, modulesJSON, diags while roots are evaluated
	evalOpts    *eval.Options
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
}

func isTFFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// findModuleDirs returns every directory under root (root included) that
// holds .tf or .tf.json files, skipping .terraform and hidden directories.
func findModuleDirs(root string, diags *hcl.Diagnostics) []string {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			*diags = append(*diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read directory",
				Detail: err.Error(), Subject: &hcl.Range{Filename: p}})
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil
		}
		for _, e := range entries {
			if !e.IsDir() && isTFFile(e.Name()) {
				dirs = append(dirs, p)
				break
			}
		}
		return nil
	})
	sort.Strings(dirs)
	return dirs
}

type parsed struct {
	name  string
	src   []byte
	file  *hcl.File
	diags hcl.Diagnostics
}

// tfFiles lists the Terraform files of a directory in lexical order.
func tfFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !isTFFile(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out, nil
}

// parseDirs parses the Terraform files of the directories, in parallel, and
// builds their configurations.
func (l *loader) parseDirs(dirs []string) {
	type job struct {
		dir   string
		names []string
	}
	var all []string
	var jobs []job
	for _, d := range dirs {
		if _, ok := l.configs[d]; ok {
			continue
		}
		names, err := tfFiles(d)
		if err != nil {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read directory",
				Detail: err.Error(), Subject: &hcl.Range{Filename: d}})
			l.configs[d] = &dirConfig{}
			continue
		}
		jobs = append(jobs, job{d, names})
		all = append(all, names...)
	}
	results := make([]parsed, len(all))
	var wg sync.WaitGroup
	work := make(chan int)
	n := runtime.GOMAXPROCS(0)
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = l.parseFile(all[i])
			}
		}()
	}
	for i := range all {
		work <- i
	}
	close(work)
	wg.Wait()
	byName := make(map[string]*parsed, len(results))
	for i := range results {
		r := &results[i]
		byName[r.name] = r
		if r.src != nil {
			l.sources[r.name] = r.src
		}
		if r.file != nil {
			l.parser.AddFile(r.name, r.file)
		}
		l.diags = append(l.diags, r.diags...)
	}
	for _, j := range jobs {
		var files []*hcl.File
		for _, name := range j.names {
			if r := byName[name]; r != nil && r.file != nil {
				files = append(files, r.file)
			}
		}
		cfg, diags := eval.NewConfig(j.dir, files)
		l.diags = append(l.diags, diags...)
		l.configs[j.dir] = &dirConfig{cfg: cfg}
	}
}

func (l *loader) readFile(name string) ([]byte, *hcl.Diagnostic) {
	st, err := os.Stat(name)
	if err == nil && st.Size() > l.opts.MaxFileSize {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File too large",
			Detail:  fmt.Sprintf("%s is %d bytes, more than the limit of %d; it is not read.", name, st.Size(), l.opts.MaxFileSize),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file", Detail: err.Error(),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
	}
	return src, nil
}

// parseFile reads and parses one file; a file with syntax errors is dropped
// (its diagnostics are kept).
func (l *loader) parseFile(name string) (p parsed) {
	p.name = name
	src, d := l.readFile(name)
	if d != nil {
		p.diags = hcl.Diagnostics{d}
		return p
	}
	p.src = src
	defer func() {
		if r := recover(); r != nil {
			p.file = nil
			p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Parser failure",
				Detail: fmt.Sprintf("%s could not be parsed: %v%s", name, r, debugStack()), Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}})
		}
	}()
	if d := eval.CheckNesting(src, name, eval.MaxNesting); d != nil {
		p.diags = hcl.Diagnostics{d}
		return p
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f, diags = hcljson.Parse(src, name)
	} else {
		f, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	p.diags = diags
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

// config returns the parsed configuration of a module directory.
func (l *loader) config(dir string) *eval.Config {
	dir = filepath.Clean(dir)
	if dc, ok := l.configs[dir]; ok {
		return dc.cfg
	}
	l.parseDirs([]string{dir})
	return l.configs[dir].cfg
}

func (l *loader) loadModule(caller *eval.Config, rootDir, key string, call *eval.Call) (*eval.Config, hcl.Diagnostics) {
	var dir string
	if eval.IsLocalSource(call.Source) {
		dir = filepath.Join(caller.Dir, filepath.FromSlash(call.Source))
	} else {
		m := l.modulesIndex(rootDir)
		d, ok := m[key]
		if !ok {
			return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Module not followed",
				Detail:  fmt.Sprintf("module %s (source %q) not followed: run terraform init to download it.", call.Name, call.Source),
				Subject: call.Range.Ptr()}}
		}
		dir = filepath.Join(rootDir, filepath.FromSlash(d))
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Module directory not found",
			Detail:  fmt.Sprintf("module %s: there is no directory %s; the module is not evaluated.", call.Name, dir),
			Subject: call.Range.Ptr()}}
	}
	cfg := l.config(dir)
	if cfg == nil {
		return nil, nil
	}
	return cfg, nil
}

// modulesIndex reads .terraform/modules/modules.json of a root module.
func (l *loader) modulesIndex(rootDir string) map[string]string {
	if m, ok := l.modulesJSON[rootDir]; ok {
		return m
	}
	m := map[string]string{}
	l.modulesJSON[rootDir] = m
	src, err := os.ReadFile(filepath.Join(rootDir, ".terraform", "modules", "modules.json"))
	if err != nil {
		return m
	}
	var doc struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if json.Unmarshal(src, &doc) != nil {
		return m
	}
	for _, e := range doc.Modules {
		if e.Key != "" {
			m[e.Key] = e.Dir
		}
	}
	return m
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
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		p := filepath.Join(cfg.Dir, n)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	if entries, err := os.ReadDir(cfg.Dir); err == nil {
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".auto.tfvars") || strings.HasSuffix(e.Name(), ".auto.tfvars.json")) {
				files = append(files, filepath.Join(cfg.Dir, e.Name()))
			}
		}
	}
	files = append(files, l.opts.VarFiles...)
	for _, name := range files {
		for k, n := range l.tfvars(name) {
			inputs[k] = n
		}
	}
	for _, kv := range l.opts.Vars {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid --var",
				Detail: fmt.Sprintf("%q must be NAME=VALUE.", kv)})
			continue
		}
		inputs[name] = l.cliVar(cfg, name, val)
	}
	return inputs
}

func (l *loader) tfvars(name string) map[string]*eval.Node {
	src, ok := l.sources[name]
	var f *hcl.File
	var diags hcl.Diagnostics
	if !ok {
		var d *hcl.Diagnostic
		src, d = l.readFile(name)
		if d != nil {
			l.diags = append(l.diags, d)
			return nil
		}
		l.sources[name] = src
	}
	if cached := l.parser.Files()[name]; cached != nil {
		f = cached
	} else {
		if d := eval.CheckNesting(src, name, eval.MaxNesting); d != nil {
			l.diags = append(l.diags, d)
			return nil
		}
		if strings.HasSuffix(name, ".json") {
			f, diags = hcljson.Parse(src, name)
		} else {
			f, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		}
		l.diags = append(l.diags, diags...)
		if diags.HasErrors() || f == nil {
			return nil
		}
		l.parser.AddFile(name, f)
	}
	attrs, diags := f.Body.JustAttributes()
	l.diags = append(l.diags, diags...)
	out := map[string]*eval.Node{}
	for k, a := range attrs {
		n, ds := eval.Static(a.Expr, l.sources)
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
	if d := eval.CheckNesting([]byte(val), fname, eval.MaxNesting); d != nil {
		l.diags = append(l.diags, d)
		return &eval.Node{Val: cty.DynamicVal, Range: rng}
	}
	x, diags := hclsyntax.ParseExpression([]byte(val), fname, hcl.InitialPos)
	if diags.HasErrors() {
		l.diags = append(l.diags, diags...)
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
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !(strings.HasSuffix(n, ".tfvars") || strings.HasSuffix(n, ".tfvars.json")) {
				continue
			}
			name := filepath.Join(d, n)
			if _, ok := l.sources[name]; ok {
				continue
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
