// Package linter is the public face of iamlint: Lint, and the types it deals
// in (Options, Result, Finding, Severity, Rule, Pass).
//
// It owns the runner: splitting paths into Terraform and plans, calling the
// loader (package load, or package plan) and the extractor, running every rule
// with a recovered panic becoming an Error, then deduplicating, filtering (to
// named files and MinSeverity), fingerprinting and sorting the findings, and
// turning diagnostics into Errors and Notices.
//
// It must not print, format reports, read HCL or plan JSON itself, or know any
// rule: rules come in through Options.Rules, formats live in package report.
package linter

import (
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"github.com/iamlint/iamlint/internal/credmask"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// DefaultMaxPolicyValues is Options.MaxPolicyValues when it is 0.
const DefaultMaxPolicyValues = extract.DefaultMaxValues

// Options says what to lint and how.
type Options struct {
	Paths    []string // directories, .tf/.tf.json/.tfvars files, plan .json files, "-" for a plan on stdin
	VarFiles []string // --var-file
	Vars     []string // --var NAME=VALUE
	// VarsAfter[i] is how many --var-file came before Vars[i] on the command
	// line (Terraform applies them in that order); nil: all --var last.
	VarsAfter []int
	Rules     []*Rule // the rules to run (already filtered by --enable/--disable)

	MinSeverity Severity // findings below are not reported (0: all)
	NewOnly     bool     // plans: only what the plan adds
	Source      string   // plans: directory with the .tf source (--source)

	Stdin io.Reader // where the path "-" (a plan) is read from; os.Stdin when nil

	// Resource limits for loading Terraform (0: the defaults of package load).
	MaxFileSize    int64 // bytes per file read (default 4 MiB)
	MaxInstances   int   // instances per count / for_each (default 1024)
	MaxModuleDepth int   // nested module calls (default 16)
	// MaxPolicyValues bounds the values (actions, resources, principals,
	// condition values) of the policies read per root module (0:
	// extract.DefaultMaxValues); past it, policies are unknown and an
	// error says where.
	MaxPolicyValues int

	// The workflow step (run_suppress.go).
	KnownRules  []string                       // every rule ID suppression comments may name; nil: the IDs of Rules
	Severities  map[string]Severity            // severity overrides by rule ID (configuration)
	RuleOptions map[string]map[string][]string // per-rule options by rule ID, read by rules through Pass.Option
	Exclude     func(file string) bool         // findings, errors and notices in files it matches (relative to the current directory) are dropped
	ExcludeAt   hcl.Range                      // where Exclude is set (the configuration's exclude attribute): a notice there when it matches every file read; its Start.Column in code points (the caller converts it: the configuration is not a source)
	Suppressors []Suppressor                   // applied after inline suppression comments (configuration ignores)
	Now         time.Time                      // what expiry dates are checked against; zero: time.Now()
	Progress    func(Progress)                 // told as the run goes on (nil: not told)

	// Principals asks for Result.Principals: the effective permissions of
	// every user, group, role and permission set (package effective).
	Principals bool

	// NoPlanSources leaves the text of the plans read from files out of
	// Result.Sources, for a caller whose report quotes no line (every
	// format but text): it is read again from the file for Sources when
	// the model is done with (see dropPlanBytes), tens of MB for a big plan.
	NoPlanSources bool
}

// Error is a problem that kept the linter from doing part of its job: a file
// that does not parse, a policy that is not JSON, an unreadable path.
type Error struct {
	File    string
	Line    int
	Column  int
	Message string

	at *hcl.Pos // the position Column is taken from (finish: codePointColumns)
}

// Notice is something the user should know that is not a finding or an error:
// a registry module that was not followed, a plan policy that stayed unknown.
// Line and Column (1-based Unicode code points, as findings' and errors')
// are 0 when the notice has no position in File (or no File).
type Notice struct {
	File     string
	Line     int
	Column   int
	Resource string
	Message  string

	at *hcl.Pos // the position Column is taken from (finish: codePointColumns)
}

// Summary counts what was linted.
type Summary struct {
	Files      int
	Resources  int
	Policies   int
	Findings   int
	Suppressed int
	Errors     int
	Notices    int
}

// Result is the outcome of Lint. Findings are sorted by file, line, column, rule.
type Result struct {
	Findings   []Finding
	Suppressed []Finding
	Errors     []Error
	Notices    []Notice
	Summary    Summary
	// Sources maps file names (as in finding ranges) to their content, so text
	// reports can quote the offending line.
	Sources map[string][]byte
	// Diags are the raw diagnostics behind Errors and Notices.
	Diags hcl.Diagnostics
	// Principals is the effective-permissions summary of every principal,
	// sorted by kind and address; nil unless Options.Principals.
	Principals []effective.PrincipalSummary
}

// Lint loads the Terraform paths and plans of opts, evaluates them, extracts
// their IAM model, runs opts.Rules over it and returns the findings: deduped,
// filtered to the named files (when a path is a file) and to MinSeverity,
// fingerprinted and sorted by file, line, column, rule. File names in the
// result (findings, related locations, errors, notices, Sources) are relative
// to the current directory with / separators.
//
// Problems with the input (a file that does not parse, a path that cannot be
// read, a .json file that is not a plan) are Errors in the result, not an
// error: everything else is still linted. The error is non-nil only when ctx
// is done.
//
// Plans are read with package plan; with NewOnly, a plan finding whose
// fingerprint the plan's prior state also has is dropped.
func Lint(ctx context.Context, opts Options) (*Result, error) {
	if rootsEnabled(opts) {
		// Each root linted as it is extracted (lint_roots.go); rarely, the
		// run is done again below.
		if res, ok, err := lintRoots(ctx, opts); ok || err != nil {
			return res, err
		}
	}
	p, err := prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	dropped := p.dropped
	p.dropModel = true
	res, err := lintModel(p)
	if err != nil || len(dropped) == 0 || opts.NoPlanSources {
		return res, err
	}
	// The model is not needed any more: the text of the plans whose bytes
	// were dropped is read again now, for the reports that quote it.
	p = nil
	var size int64
	for _, d := range dropped {
		size += d.size
	}
	if size >= droppedGCMin {
		// Into the memory the model held: collected first, else the
		// text is new memory on top of it (the collector's goal is far
		// after the rules' garbage): p50 text report, peak RSS 405 MB
		// without, 364 MB kept all along.
		runtime.GC()
	}
	readDroppedSources(res, dropped)
	return res, nil
}

// droppedGCMin is the size of the plans read again for Result.Sources from
// which Lint collects the model first.
const droppedGCMin = 4 << 20

// prepare loads, evaluates and extracts the paths of opts (the steps of Lint
// before the rules).
func prepare(ctx context.Context, opts Options) (*prepared, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The embedded action catalog and managed policy index are decoded
	// (about 25 ms of CPU) while the inputs load, instead of on one CPU by
	// the first rule that needs them while the other rules wait. A run
	// with plans decodes them once the plans' values are released (below):
	// what is allocated before that counts in full in a big plan's peak
	// memory (no collection until then: the command's planGC).
	plans := slices.ContainsFunc(opts.Paths, IsPlanPath)
	if !plans {
		go awsdata.Preload()
	}
	var tfPaths []string
	var results, befores []*eval.Result
	var runs []*planRun
	var inputDiags hcl.Diagnostics
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.Source != "" {
		// A gate whose --source has a typo must not pass quietly.
		if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
			why := "not a directory"
			if err != nil {
				why = err.Error()
			}
			// Nothing there: the name may be a credential given by
			// mistake, masked by its form.
			name, detail := credmask.Missing(opts.Source, fmt.Sprintf("--source %s: %s (it names the directory of the plan's .tf files).", opts.Source, why))
			inputDiags = append(inputDiags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid --source",
				Detail: detail, Subject: &hcl.Range{Filename: name}})
		}
	}
	stdin := 0
	seenPlans := map[string]bool{}
	var planFiles []namedPlan // the plan files read so far, for samePlan
	for _, p := range paths {
		if p == "-" {
			if stdin++; stdin > 1 {
				inputDiags = append(inputDiags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Standard input named twice",
					Detail: `"-" (standard input) is given more than once; it can be read only once.`, Subject: &hcl.Range{Filename: "-"}})
				continue
			}
		}
		if !IsPlanPath(p) {
			tfPaths = append(tfPaths, p)
			continue
		}
		if p == "-" {
			// Standard input redirected from a plan also named (iamlint
			// plan.json - < plan.json) is that plan: linted once.
			if f, ok := opts.Stdin.(interface{ Stat() (os.FileInfo, error) }); ok {
				if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
					if first := sameAs(st, planFiles); first != "" {
						inputDiags = append(inputDiags, samePlanNotice(planName(p), first))
						continue
					}
					planFiles = append(planFiles, namedPlan{name: planName(p), st: st})
				}
			}
		} else {
			// A plan named twice (plan.json $PWD/plan.json) is linted once.
			key := p
			if abs, err := filepath.Abs(p); err == nil {
				key = abs
			}
			if seenPlans[key] {
				continue
			}
			seenPlans[key] = true
			// The same file under another name (a symbolic link to it,
			// a hard link, a path through a linked directory) is linted
			// once too, under the name it came with first: it was linted
			// once per name, each finding reported twice.
			if first, st := samePlan(p, planFiles); first != "" {
				inputDiags = append(inputDiags, samePlanNotice(p, first))
				continue
			} else if st != nil {
				planFiles = append(planFiles, namedPlan{name: p, st: st})
			}
		}
		src, err := readPlanInput(p, opts.Stdin)
		if planBytesRead != nil && err == nil {
			planBytesRead(planName(p), src)
		}
		var notObject *notObjectError
		if errors.As(err, &notObject) {
			inputDiags = append(inputDiags, notObjectDiag(p, notObject))
			continue
		}
		var notStart *notObjectStartError
		if errors.As(err, &notStart) {
			inputDiags = append(inputDiags, notPlanDiag(p, notStart.src))
			continue
		}
		if err != nil {
			name, detail := credmask.Missing(p, err.Error())
			inputDiags = append(inputDiags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read file",
				Detail: detail, Subject: &hcl.Range{Filename: name}})
			continue
		}
		if !isPlan(src) {
			inputDiags = append(inputDiags, notPlanDiag(p, src))
			continue
		}
		after, before, run := loadPlan(p, src, opts)
		runs = append(runs, run)
		results = append(results, after)
		if opts.NewOnly && before != nil {
			befores = append(befores, before)
		}
	}
	// Each root module is extracted (extract.SpaceOf) by the worker that
	// evaluated it, as soon as it is evaluated; load then drops its evaluated
	// values, so memory holds the model and the parsed files, not every
	// evaluated value at once. Spaces are merged in root order.
	var tfSpaces map[int]*extract.Space
	var tfBlocks map[int]*blockSummary
	var spaceMu sync.Mutex
	if len(tfPaths) > 0 {
		tfSpaces = map[int]*extract.Space{}
		tfBlocks = map[int]*blockSummary{}
		results = append([]*eval.Result{load.Load(tfLoadOptions(opts, tfPaths, func(root int, sp *extract.Space, bs *blockSummary) {
			spaceMu.Lock()
			tfSpaces[root] = sp
			tfBlocks[root] = bs
			spaceMu.Unlock()
		}))}, results...)
		// A gate pointed at the wrong directory must not pass quietly, even
		// when another path has Terraform files.
		inputDiags = append(inputDiags, nothingToLint(tfPaths, results[0])...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ev := mergeResults(results)
	ev.Diags = append(inputDiags, ev.Diags...)
	opts.progress(Progress{Stage: "loaded", Files: len(ev.Files), Modules: len(ev.Modules)})

	var spaces []*extract.Space
	var blocks []*blockSummary
	roots := make([]int, 0, len(tfSpaces))
	for i := range tfSpaces {
		roots = append(roots, i)
	}
	sort.Ints(roots)
	for _, i := range roots {
		spaces = append(spaces, tfSpaces[i])
		blocks = append(blocks, tfBlocks[i])
	}
	unknown := unknownNotices(spaces, opts.Rules)
	markStandalone(spaces)
	// The plans' block summaries are read first by dropPlanBytes.
	var starts, summaries []func()
	summaryOf := map[*eval.Result][2]int{} // a plan's index in summaries and in blocks
	for _, r := range results {
		if r != nil && (len(tfPaths) == 0 || r != results[0]) {
			// The summary reads only the blocks' addresses and
			// ranges: made on another CPU while the plan is merged,
			// from the release on (p50: 11 MB allocated, 5.5 MB kept,
			// that counted in the peak before it; see Preload above).
			// It reads the lists of blocks as they are now
			// (releasePlan drops the modules' lists).
			mods := make([]*eval.Module, len(r.Modules))
			for i, m := range r.Modules {
				if m != nil {
					mods[i] = &eval.Module{Blocks: m.Blocks}
				}
			}
			at := len(blocks)
			blocks = append(blocks, nil)
			var bs *blockSummary
			var wait func()
			starts = append(starts, func() { wait = goCatch(func() { bs = summarizeBlocks(mods) }) })
			summaries = append(summaries, sync.OnceFunc(func() {
				wait()
				blocks[at] = bs
			}))
			summaryOf[r] = [2]int{len(summaries) - 1, at}
			spaces = append(spaces, extractPlan(r, runs, func() {
				opts.progress(Progress{Stage: "documented", Files: len(ev.Files), Modules: len(ev.Modules)})
			})...)
		}
	}
	if len(runs) > 0 {
		// The plans' values are dropped (extractPlan), and their changes
		// and blocks when no later step reads them; their policy
		// strings are parsed by the merge.
		releaseBeforeMerge(runs)
		opts.progress(Progress{Stage: "released", Files: len(ev.Files), Modules: len(ev.Modules)})
	}
	for _, start := range starts {
		start()
	}
	if len(runs) > 0 {
		// After the release's collection (the command's planGC): the
		// copies earlyDrop makes do not count in the load's peak. The
		// summaries of the plans it drops are done before the merge
		// (their texts are copies of their own, summarizeBlocks).
		drops, factsCopied := earlyDrop(ev, spaces, runs, opts)
		for r := range drops {
			summaries[summaryOf[r][0]]()
		}
		factsCopied()
		if earlyDropped != nil {
			earlyDropped()
		}
	}
	if plans {
		go awsdata.Preload()
	}
	model, diags := safeMerge(spaces, ev.Sources)
	planSecrets(model, runs, ev.Sources)
	secrets := secretStrings(model.Graph.Secrets, ev.Sources) // before the plans' bytes are dropped
	built := builtSecrets(model.Graph.Secrets, secrets)
	secrets = literalSecrets(ev.Sources, varSecrets(opts.Vars, secrets))
	all := append(ev.Diags, diags...)
	all = append(all, unknown...)
	all = append(all, planNotices(model, runs, opts.Rules)...)
	// After the notices of unknown policies (the patterns it makes
	// unknown get a notice of their own), before the rules.
	wide := newWidePatterns()
	wide.apply(model.Documents)
	if d := wide.notice(); d != nil {
		all = append(all, d)
	}
	if !opts.NewOnly {
		// Only --new-only reads the plans' changes and blocks after this.
		for _, r := range runs {
			releasePlan(r)
		}
	}
	for _, wait := range summaries {
		wait()
	}
	// The plans' bytes are not needed any more (see dropPlanBytes).
	dropped := dropPlanBytes(ev, model, blocks, all, runs, opts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &prepared{opts: opts, model: model, ev: ev, blocks: blocks, diags: all, runs: runs, befores: befores, dropped: dropped, secrets: secrets, built: built, wide: wide}, nil
}

// namedPlan is a plan file named on the command line and its file info.
type namedPlan struct {
	name string
	st   os.FileInfo
}

// samePlan returns the name of the plan of seen that is the same file as
// the path p (os.SameFile), "" when none is; st is p's file info when p is
// a regular file (nil when it is not, or cannot be read: reading it says
// why).
func samePlan(p string, seen []namedPlan) (first string, st os.FileInfo) {
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() {
		return "", nil
	}
	return sameAs(st, seen), st
}

// sameAs is the name of the plan in seen that is the file st, or "".
func sameAs(st os.FileInfo, seen []namedPlan) string {
	for _, s := range seen {
		if os.SameFile(s.st, st) {
			return s.name
		}
	}
	return ""
}

// samePlanNotice is the notice of the plan path p, the same file as the
// plan first named before it.
func samePlanNotice(p, first string) *hcl.Diagnostic {
	how := "a link to it, or a name through a link"
	if p == planName("-") || first == planName("-") {
		how = "standard input is redirected from it"
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Plan named twice",
		Detail:  fmt.Sprintf("%s is the same file as %s (%s): it is linted once, as %s.", p, first, how, first),
		Subject: &hcl.Range{Filename: p}}
}

// tfLoadOptions are the load options of the Terraform paths of opts: each
// root module is extracted (extract.SpaceOf) by the worker that evaluated it
// and given to consume with a summary of its blocks (what finish reads of
// them), and its blocks are dropped.
func tfLoadOptions(opts Options, paths []string, consume func(root int, sp *extract.Space, bs *blockSummary)) load.Options {
	return load.Options{
		Paths:     paths,
		VarFiles:  load.LocalPaths(opts.VarFiles), // the names the scan of the tree gives them
		Vars:      opts.Vars,
		VarsAfter: opts.VarsAfter,
		Renderers: extract.Renderers(),
		Relevant:  extract.Relevant,
		KeepText:  keepText,
		// A file() or templatefile() target that is missing is most often
		// generated by another step (a build artefact, a key made at apply)
		// or left out of the repository on purpose: the value is unknown and
		// the user is told, but the rest is linted and the exit code is not 2.
		MissingFileWarning: true,
		MaxFileSize:        opts.MaxFileSize,
		MaxInstances:       opts.MaxInstances,
		MaxModuleDepth:     opts.MaxModuleDepth,
		Consume: func(root int, mods []*eval.Module) {
			sp := safeSpace(mods, opts.MaxPolicyValues)
			bs := summarizeBlocks(mods)
			for _, m := range mods {
				if m != nil {
					m.Blocks = nil
				}
			}
			consume(root, sp, bs)
		},
	}
}

// keepText is load.Options.KeepText of the runs of .tf files (nil, by
// tests: every jsonencode text is written when evaluated).
var keepText = extract.KeepText

// planBytesRead, when set (by tests), is told the bytes of every plan read.
var planBytesRead func(name string, src []byte)

// nothingToLint warns of each of the paths of tfPaths that holds nothing to
// lint (emptyPaths): a gate pointed at the wrong directory must not pass
// quietly.
func nothingToLint(tfPaths []string, res *eval.Result) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, p := range emptyPaths(tfPaths, res) {
		// When nothing is there (an error says so), the name is only an
		// argument, maybe a credential given by mistake (--var secret_key
		// wJal..., a space for the =), masked by its form as in that error.
		p, _ = credmask.Missing(p, "")
		detail := fmt.Sprintf("%s holds no Terraform file (.tf, .tf.json, .tofu, .tofu.json); nothing was linted.", p)
		if h := hiddenTerraform(p); h != "" {
			detail = fmt.Sprintf("%s holds no Terraform file (.tf, .tf.json, .tofu, .tofu.json) outside hidden directories, which are not searched; %s holds some: name it to lint it (iamlint %s); nothing was linted.", p, h, h)
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Nothing to lint",
			Detail:  detail,
			Subject: &hcl.Range{Filename: p}})
	}
	return diags
}

// hiddenTerraform returns the first hidden directory under dir (itself
// under no other hidden directory) that holds a .tf or .tf.json file, or ""
// when there is none or dir is not a directory: a repository whose
// Terraform lives in .infra/ is told where it is rather than that it has
// none. .terraform/ (downloaded modules), .terragrunt-cache/ (copies) and
// .git/ are not offered. The walk stops after hiddenWalkMax entries.
func hiddenTerraform(dir string) string {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	found, seen := "", 0
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if seen++; err != nil || seen > hiddenWalkMax || found != "" {
			return filepath.SkipAll
		}
		name := d.Name()
		if d.IsDir() {
			if name == ".git" || name == ".terraform" || name == ".terragrunt-cache" {
				return filepath.SkipDir
			}
			return nil
		}
		if !load.IsConfigFile(name) {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		for i, part := range parts[:len(parts)-1] {
			if strings.HasPrefix(part, ".") && part != "." && part != ".." {
				found = filepath.Join(dir, filepath.Join(parts[:i+1]...))
				return filepath.SkipAll
			}
		}
		return nil
	})
	return found
}

// hiddenWalkMax bounds the entries hiddenTerraform looks at.
const hiddenWalkMax = 20000

// emptyPaths returns the paths of tfPaths under which res loaded no file and
// reported no error (a path that cannot be read or a file that does not parse
// is told as an error, not as nothing to lint).
func emptyPaths(tfPaths []string, res *eval.Result) []string {
	names := append([]string(nil), res.Files...)
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError {
			if d.Subject == nil {
				return nil // an error of no file: it may concern any path
			}
			names = append(names, d.Subject.Filename)
		}
		if d.Summary == load.ReplacedByTofu && d.Subject != nil {
			names = append(names, d.Subject.Filename) // said why it is not read
		}
	}
	// filepath.Abs asks for the working directory at every call (two
	// stats): asked once here for every loaded file.
	wd, wdErr := os.Getwd()
	absOf := func(p string) (string, error) {
		if filepath.IsAbs(p) {
			return fpath.Clean(p), nil
		}
		if wdErr != nil {
			return "", wdErr
		}
		return fpath.Join(wd, p), nil
	}
	// The loaded names, and every directory above one: a path holds a
	// loaded name when it is one of them or a directory above one. Each
	// path was compared with every name (and a prefix built for each
	// comparison): 50,000 files named as paths (iamlint $(git ls-files
	// '*.tf')) took 50 CPU s here.
	loaded := make(map[string]bool, len(names))
	above := map[string]bool{}
	for _, n := range names {
		a, err := absOf(n)
		if err != nil {
			continue
		}
		loaded[a] = true
		for d := fpath.Dir(a); !above[d]; d = fpath.Dir(d) {
			above[d] = true
		}
	}
	var out []string
	var realLoaded map[string]bool // realDirs(loaded), when a path is not held by name
	for _, p := range tfPaths {
		ap, err := absOf(p)
		if err != nil {
			continue
		}
		// A named Terraform file is loaded with its directory: an error
		// at that directory (it cannot be listed) is about it too.
		dir := ""
		if load.IsConfigFile(p) || strings.HasSuffix(p, ".tfvars") || strings.HasSuffix(p, ".tfvars.json") {
			dir = filepath.Dir(ap)
		}
		held := loaded[ap] || above[ap] || dir != "" && loaded[dir]
		if !held {
			if realLoaded == nil {
				realLoaded = realDirs(loaded)
			}
			// A directory loaded under another name, through a symbolic
			// link (load reads one directory once, as named first).
			if r, err := filepath.EvalSymlinks(ap); err == nil {
				held = realLoaded[r] || dir != "" && realLoaded[filepath.Dir(r)]
			}
		}
		if !held {
			out = append(out, p)
		}
	}
	return out
}

// realDirs returns the directories of the names, their links resolved.
func realDirs(names map[string]bool) map[string]bool {
	dirs := map[string]bool{}
	for n := range names {
		dirs[filepath.Dir(n)] = true
	}
	out := make(map[string]bool, len(dirs))
	for d := range dirs {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			out[r] = true
		}
	}
	return out
}

// prepared is what Lint has loaded and extracted: the model and what the
// steps after it (rules, effective permissions, finish, --new-only) read.
type prepared struct {
	opts    Options
	model   *iam.Model
	ev      *eval.Result
	blocks  []*blockSummary // of ev's blocks: the roots in order, then the plans
	diags   hcl.Diagnostics
	runs    []*planRun
	befores []*eval.Result
	dropped []*droppedPlan // the plans whose bytes were dropped (read again by finish and Lint)
	secrets []string       // the credentials found (secretStrings), masked in every message (maskSecrets)
	built   []builtSecret  // the credentials found that the sources do not hold literally (builtSecrets), masked too
	wide    *widePatterns  // the budget of catalog-wide patterns, spent on model (and on the prior state's, newOnly)
	// dropModel lets lintModel drop model once the rules have run (Lint's
	// run, which reads it no more; not the stage benchmarks').
	dropModel bool
}

// lintModel runs the rules over the prepared model and turns their findings
// into a Result (finish), computing the effective permissions meanwhile when
// asked. It does not change p, except that with p.dropModel (and without
// --new-only) it drops p.model once the rules have run.
func lintModel(p *prepared) (res *Result, err error) {
	defer func() { maskSecrets(res, p.secrets, p.built) }()
	opts, model, ev, runs, befores := p.opts, p.model, p.ev, p.runs, p.befores
	opts.progress(Progress{Stage: "extracted", Files: len(ev.Files), Modules: len(ev.Modules), Policies: len(model.Documents)})
	// Lint's own run reads the model no more once the rules have run but
	// for --new-only: what finish reads of it (the documents' parse errors
	// no rule reports, the count of policies, where each finding lies in
	// its document, for its fingerprint) is read right after the rules, and
	// the model dropped before finish. The effective permissions read the
	// identity graph alone (and the documents it holds, which share their
	// memory with the others: chunks): they are computed while the rules
	// run, not while finish does, so that finish's allocations reuse the
	// memory of the whole model. On the 200 MB bench plan (CLI json, stage
	// marks with gctrace): live heap in finish 500-537 MB -> 141 MB, and at
	// the rules' end 446-469 MB -> 466-486 MB (the rules' and the effective
	// permissions' garbage together); 7-8 collections -> 6-7.
	drop := p.dropModel && !opts.NewOnly
	type computed struct {
		ps    []effective.PrincipalSummary
		panic any // raised again by Lint, as when computed in line
	}
	var principals chan computed
	var pc computed // the effective permissions, once waited for
	waited := false
	computePrincipals := func() {
		if !opts.Principals {
			return
		}
		graph := &iam.Model{Graph: model.Graph} // all that Compute reads
		principals = make(chan computed, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					principals <- computed{panic: r}
				}
			}()
			principals <- computed{ps: effective.Compute(graph)}
		}()
	}
	if drop {
		computePrincipals()
	}
	rr := runRulesChunked(opts.Rules, model, opts.RuleOptions)
	var ruleErrs []Error
	for _, es := range rr.errs {
		ruleErrs = append(ruleErrs, es...)
	}
	if drop {
		parseErrs := unreportedParseErrors(opts.Rules, model)
		roots := &rootTotals{}
		roots.policies.keys = make([][2]uint64, 0, len(model.Documents))
		for _, d := range model.Documents {
			roots.policies.add(d)
		}
		// Located in their chunks: copied into one slice (join) once the
		// model is dropped.
		rr.locate(model)
		// The effective permissions are waited for (they read the
		// model's graph, and were most often done before the rules):
		// the model is then no longer reachable, and the command
		// collects it (stage "dropped", before the findings are
		// copied into one slice and finished: on the 200 MB bench
		// plan their allocations lay on the model's 300 MB, the heap
		// at 522 MB when collected).
		if principals != nil {
			pc, waited = <-principals, true
		}
		nPolicies := len(model.Documents)
		p.model, model = nil, nil
		opts.progress(Progress{Stage: "dropped", Files: len(ev.Files), Modules: len(ev.Modules), Policies: nPolicies})
		res, err = p.finishLocated(rr.join(), ruleErrs, parseErrs, roots)
	} else {
		// The effective permissions only read the model: they are
		// computed while finish (one CPU) sorts and fingerprints the
		// findings (the rules already use every CPU). A big plan has
		// tens of thousands of principals, a second or more of work.
		computePrincipals()
		res, err = p.finish(rr.join(), ruleErrs)
	}
	if err == nil && len(runs) > 0 {
		// While the effective permissions are still computed: neither
		// reads them (nor writes the model).
		if opts.NewOnly {
			// --new-only: only what the plans add or widen (see newOnly).
			added := newOnly(res, opts, runs, befores, model, p.wide)
			codePointRelated(res, added) // the related locations newOnly added (new holders)
		}
		// After newOnly: of an old and a new instance, the new one is kept.
		res.Findings = mergePlanInstances(res.Findings, runs)
		res.Summary.Findings = len(res.Findings)
	}
	if principals != nil {
		c := pc
		if !waited {
			c = <-principals
		}
		if c.panic != nil {
			panic(c.panic)
		}
		if err == nil {
			res.Principals = c.ps
		}
	}
	if err == nil {
		hideSensitiveHCL(res, opts, ev) // the principals' texts too
	}
	if err != nil || len(runs) == 0 {
		return res, err
	}
	hideSensitive(res, opts, runs) // the principals' texts too
	return res, nil
}

// finish is finish for the prepared run: with the parse errors no rule
// reports, and the file filter keeping plan findings located in the plan's
// .tf source.
func (p *prepared) finish(findings []Finding, ruleErrs []Error) (*Result, error) {
	return p.finishWith(findings, ruleErrs, unreportedParseErrors(p.opts.Rules, p.model), p.model, nil)
}

// finishLocated is finish once the model is dropped: parseErrs are the
// parse errors no rule reports (unreportedParseErrors), roots counts the
// policies, and each finding's Fingerprint holds where it was located
// (locateAll, ruleResults.locate).
func (p *prepared) finishLocated(findings []Finding, ruleErrs []Error, parseErrs hcl.Diagnostics, roots *rootTotals) (*Result, error) {
	return p.finishWith(findings, ruleErrs, parseErrs, nil, roots)
}

// finishWith is finishWith for the prepared run (finish, finishLocated).
func (p *prepared) finishWith(findings []Finding, ruleErrs []Error, parseErrs hcl.Diagnostics, model *iam.Model, roots *rootTotals) (*Result, error) {
	all := append(append(hcl.Diagnostics(nil), p.diags...), parseErrs...)
	fopts := p.opts
	if dirs := planSourceDirs(p.runs); len(dirs) > 0 {
		fopts.Paths = append(append([]string(nil), p.opts.Paths...), dirs...)
	}
	return finishWith(findings, ruleErrs, all, model, p.ev, p.blocks, fopts, readFindingRanges(findings, p.dropped), roots)
}

// finish turns raw findings and diagnostics into a Result.
// blocks summarize the blocks of ev (their resource count, the block of a
// notice, the ranges of an address).
//
// texts, when not nil, gives what finish reads of the plans whose bytes
// were dropped and the errors of those that changed (readFindingRanges),
// read while the findings are deduplicated and sorted; it is called once,
// and its errors follow diags.
func finish(findings []Finding, ruleErrs []Error, diags hcl.Diagnostics, model *iam.Model, ev *eval.Result, blocks []*blockSummary, opts Options, pending func() (*droppedTexts, hcl.Diagnostics)) (*Result, error) {
	return finishWith(findings, ruleErrs, diags, model, ev, blocks, opts, pending, nil)
}

// finishWith is finish; with roots (the roots were linted one at a time,
// lintRoots), model is nil: the policies are counted by roots, and each
// finding's Fingerprint holds where it was located (locatedHere).
func finishWith(findings []Finding, ruleErrs []Error, diags hcl.Diagnostics, model *iam.Model, ev *eval.Result, blocks []*blockSummary, opts Options, pending func() (*droppedTexts, hcl.Diagnostics), roots *rootTotals) (*Result, error) {
	cwd, _ := os.Getwd()
	// The counts of the summary read only the blocks and the model: taken
	// on another CPU while the findings are deduplicated, sorted and
	// fingerprinted (one CPU most of the time; on a 10,000-file estate,
	// about 0.3 s of counting).
	var nResources, nPolicies int
	waitCounts := goCatch(func() {
		nResources = countResources(blocks)
		if roots != nil {
			nPolicies = roots.policies.count()
		} else {
			nPolicies = countPolicies(model)
		}
	})
	findings = dedupe(overrideSeverities(findings, opts.Severities))
	ff := newFileFilter(opts.Paths, opts.VarFiles)
	// Excluded files are dropped now; the file filter (named files) is applied
	// after the suppressions, so that a suppression in a named file whose
	// finding lies in another file (a module the block calls, a file() it
	// reads) is not taken for unused, and fingerprints do not depend on which
	// files were named.
	// (Without excludes nothing moves: each of the findings was copied
	// onto itself, 60 MB on a dense 10,000-file estate.)
	if opts.Exclude != nil {
		findings = slices.DeleteFunc(findings, func(f Finding) bool { return opts.Exclude(relName(f.Range.Filename, cwd)) })
	}

	diags = explainSpentBudget(explainErrorUnknowns(diags, ev.Sources))
	res := &Result{Findings: []Finding{}, Suppressed: []Finding{}, Errors: []Error{}, Notices: []Notice{},
		Sources: map[string][]byte{}, Diags: diags}
	for name, src := range ev.Sources {
		res.Sources[relName(name, cwd)] = src
	}
	orig := map[string]string{} // relative file name -> the model's
	// The findings of one document share its related locations (its module
	// call chain): they share one rewritten copy too (a copy per finding
	// was most of the allocations here on an estate with modules). Related
	// slices are copied before they are changed (redactRelated, withHolders).
	type relKey struct {
		first *iam.Related
		n     int
	}
	relCopies := map[relKey][]iam.Related{}
	// The findings of one file follow each other (each root's, rule by
	// rule): the last name's answer is kept.
	lastName, lastRel := "", ""
	for i := range findings {
		f := &findings[i]
		if i == 0 || f.Range.Filename != lastName {
			lastName = f.Range.Filename
			lastRel = relName(lastName, cwd)
			orig[lastRel] = lastName
		}
		f.Range.Filename = lastRel
		if len(f.Related) > 0 {
			k := relKey{&f.Related[0], len(f.Related)}
			rel, ok := relCopies[k]
			if !ok {
				rel = make([]iam.Related, len(f.Related))
				for j, r := range f.Related {
					rel[j] = iam.Related{Range: relRange(r.Range, cwd), Message: r.Message}
				}
				relCopies[k] = rel
			}
			f.Related = rel
		}
	}
	sortFindings(findings)
	var texts *droppedTexts
	if pending != nil {
		var changed hcl.Diagnostics
		texts, changed = pending()
		if len(changed) > 0 {
			diags = append(diags, changed...)
			res.Diags = diags
		}
	}
	if roots != nil {
		fingerprintWith(findings, res.Sources, orig, texts.rangeTexts(), locatedHere(findings))
	} else {
		fingerprintIn(findings, model, res.Sources, orig, texts.rangeTexts())
	}
	// Suppressions, then MinSeverity (see run_suppress.go).
	findings, suppressed := suppressFindings(findings, res.Sources, opts, ff, cwd, func(addrs map[string]bool) map[string][]hcl.Range { return blockRanges(blocks, addrs) })
	hidden := hiddenNotices(findings, ff, opts.MinSeverity, blocks, cwd)
	findings, suppressed = ff.filter(findings), ff.filter(suppressed)
	// The kept findings are not copied (on a big plan, 200,000 findings of
	// 180 bytes): nothing else holds their array, filtered in place; its
	// capacity is clipped so that a caller appending to res.Findings does
	// not write into the array's tail.
	if kept := minSeverity(findings, opts.MinSeverity); len(kept) > 0 {
		res.Findings = slices.Clip(kept)
	}
	res.Suppressed = append(res.Suppressed, minSeverity(suppressed, opts.MinSeverity)...)

	for _, e := range ruleErrs {
		e.File = relName(e.File, cwd)
		res.Errors = append(res.Errors, e)
	}
	var index blockIndex // made for the first notice that needs it (an estate has hundreds of thousands of blocks)
	for _, d := range diags {
		var file string
		var line, col int
		var at *hcl.Pos
		if d.Subject != nil {
			file, line, col = relName(d.Subject.Filename, cwd), d.Subject.Start.Line, d.Subject.Start.Column
			start := d.Subject.Start
			at = &start
		}
		switch d.Severity {
		case hcl.DiagError:
			res.Errors = append(res.Errors, Error{File: file, Line: line, Column: col, Message: diagMessage(d), at: at})
		case hcl.DiagWarning:
			if _, ok := d.Extra.(noticeAddress); !ok && index == nil && d.Subject != nil {
				index = newBlockIndex(blocks)
			}
			res.Notices = append(res.Notices, Notice{File: file, Line: line, Column: col, Resource: noticeResource(d, index), Message: diagMessage(d), at: at})
		}
	}
	res.Notices = append(res.Notices, unreadNotices(res.Sources, opts, ff)...)
	res.Notices = append(res.Notices, hidden...)
	if opts.Exclude != nil {
		// The errors and notices located in excluded files are dropped, as
		// their findings are: a legacy directory that does not parse, or a
		// generated file, excluded by the configuration made every run exit
		// 2 about files the user said not to lint. What their absence does
		// to the linted files (a local the excluded file would declare) is
		// said at the linted files.
		res.Errors = slices.DeleteFunc(res.Errors, func(e Error) bool { return e.File != "" && opts.Exclude(e.File) })
		res.Notices = slices.DeleteFunc(res.Notices, func(n Notice) bool { return n.File != "" && opts.Exclude(n.File) })
		if n := excludedAll(ev.Files, opts, ff, cwd); n > 0 {
			res.Notices = append(res.Notices, excludedAllNotice(n, ff != nil, opts.ExcludeAt, cwd))
		}
	}
	codePointColumns(res, texts.runeIndexes())
	res.Errors = capFileErrors(sortErrors(res.Errors))
	res.Notices = sortNotices(res.Notices)

	waitCounts()
	res.Summary = Summary{
		Files:      len(ev.Files),
		Resources:  nResources,
		Policies:   nPolicies,
		Findings:   len(res.Findings),
		Suppressed: len(res.Suppressed),
		Errors:     len(res.Errors),
		Notices:    len(res.Notices),
	}
	return res, nil
}

// excludedAll returns how many files of the run (files, those the file
// filter ff keeps) opts.Exclude matches when it matches every one of them,
// 0 when it leaves one or there are none: the run then reports nothing of
// its files, which "0 findings" said in silence (exclude = ["**"], or
// patterns that match more than meant).
func excludedAll(files []string, opts Options, ff *fileFilter, cwd string) int {
	n := 0
	for _, f := range files {
		if !ff.keep(f) {
			continue
		}
		if !opts.Exclude(relName(f, cwd)) {
			return 0
		}
		n++
	}
	return n
}

// excludedAllNotice is the notice of an exclude that matches every one of
// the n files of the run (named: every named file), at where it is set
// (its column in code points: the configuration is not among the sources
// codePointColumns converts, its caller converts it).
func excludedAllNotice(n int, named bool, at hcl.Range, cwd string) Notice {
	what := "every file this run read"
	if named {
		what = "every file named on the command line"
	}
	where := "The configuration's exclude"
	if at.Filename != "" {
		where = "exclude in " + relName(at.Filename, cwd)
	}
	files := "1 file"
	if n > 1 {
		files = fmt.Sprintf("%d files", n)
	}
	return Notice{File: relName(at.Filename, cwd), Line: at.Start.Line, Column: at.Start.Column,
		Message: fmt.Sprintf("Every file excluded: %s matches %s (%s): no finding, error or notice of theirs is reported. Check its patterns (globs relative to the configuration's directory).", where, what, files)}
}

// maxFileErrors is the most errors listed of one file; one more says how
// many are left out. Parse errors are capped so when a file is parsed
// (load), but not those said later: a .tf.json of 350,000 keys "a" in its
// locals (2.4 MB) had 349,999 "Duplicate attribute definition" errors
// listed, 7 s and 1 GB, and as many lines on stdout and on stderr.
const maxFileErrors = 1000

// capFileErrors keeps the first maxFileErrors errors of each file of es
// (sorted by file), and one more that counts the rest.
func capFileErrors(es []Error) []Error {
	out := es[:0]
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].File == es[i].File {
			j++
		}
		if n := j - i; n <= maxFileErrors+1 || es[i].File == "" {
			out = append(out, es[i:j]...)
		} else {
			// (out stays behind es[j:]: it grows by at most n-1 here.)
			out = append(out, es[i:i+maxFileErrors]...)
			e := es[i+maxFileErrors]
			out = append(out, Error{File: e.File, Line: e.Line, Column: e.Column, at: e.at,
				Message: fmt.Sprintf("Too many errors: %s has %d more errors, not listed.", e.File, n-maxFileErrors)})
		}
		i = j
	}
	return out
}

// countPolicies counts policy documents by source range, like countResources.
func countPolicies(m *iam.Model) int {
	var c policyCounter
	c.keys = make([][2]uint64, 0, len(m.Documents))
	for _, d := range m.Documents {
		c.add(d)
	}
	return c.count()
}

// policyCounter counts policy documents by source range (add each, then
// count).
type policyCounter struct {
	// Keys of 16 bytes (a plan has hundreds of thousands of documents),
	// sorted and counted once each: a set of them, sized for every
	// document, took twice their size (15 MB on a 200 MB plan); a range
	// past 4 GiB, if ever, is counted in wide.
	files, attrs nameIDs
	keys         [][2]uint64
	wide         map[wideKey]struct{}
	// full holds the filled chunks of keys when it was not sized for
	// every document (a run linted one root at a time adds each root's):
	// grown by append, its copies were most of what counting allocated.
	full [][][2]uint64
}

// policyKeyChunk is the size of the chunks of keys of a policyCounter not
// sized for every document.
const policyKeyChunk = 8192

type wideKey struct {
	file, attr uint32
	start, end int
}

func (c *policyCounter) add(d *iam.Document) {
	r := d.Range.HCL()
	f, a := c.files.id(r.Filename), c.attrs.id(d.Attribute)
	if r.Start.Byte < 0 || r.End.Byte < 0 || uint64(r.Start.Byte) > math.MaxUint32 || uint64(r.End.Byte) > math.MaxUint32 {
		if c.wide == nil {
			c.wide = map[wideKey]struct{}{}
		}
		c.wide[wideKey{f, a, r.Start.Byte, r.End.Byte}] = struct{}{}
		return
	}
	if len(c.keys) == cap(c.keys) && cap(c.keys) >= policyKeyChunk {
		c.full = append(c.full, c.keys)
		c.keys = make([][2]uint64, 0, policyKeyChunk)
	}
	c.keys = append(c.keys, [2]uint64{uint64(f)<<32 | uint64(a), uint64(r.Start.Byte)<<32 | uint64(r.End.Byte)})
}

func (c *policyCounter) count() int {
	cmpKeys := func(x, y [2]uint64) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	}
	// Each list of keys is sorted in place, then the lists are merged
	// through a heap of their heads, counting each key once (not joined
	// into one list: counted at the end of the run, that was one more copy
	// of them all).
	h := &keyLists{cmp: cmpKeys}
	var packed []uint64 // sortKeys's, for each list in turn
	for _, ks := range append(c.full, c.keys) {
		if len(ks) > 0 {
			packed = sortKeys(ks, packed, cmpKeys)
			h.lists = append(h.lists, ks)
		}
	}
	heap.Init(h)
	n := 0
	var last [2]uint64
	for first := true; h.Len() > 0; first = false {
		if head := h.lists[0][0]; first || head != last {
			n++
			last = head
		}
		if h.lists[0] = h.lists[0][1:]; len(h.lists[0]) == 0 {
			heap.Pop(h)
		} else {
			heap.Fix(h, 0)
		}
	}
	return n + len(c.wide)
}

// sortKeys sorts the policy keys ks in place (by cmpKeys), and returns
// scratch, grown if need be. Their four fields (file and attribute
// numbers, start and end bytes) most often fit one uint64 together, in
// as many bits as the biggest of each takes: the keys are then sorted as
// such (their order is the keys'), without a call of cmpKeys per
// comparison (sorting the keys by cmpKeys was 0.7% of the instructions of
// a dense estate's run, on one CPU at its end).
func sortKeys(ks [][2]uint64, scratch []uint64, cmpKeys func(x, y [2]uint64) int) []uint64 {
	const low = 1<<32 - 1
	var maxF, maxA, maxS, maxE uint64
	for _, k := range ks {
		maxF |= k[0] >> 32
		maxA |= k[0] & low
		maxS |= k[1] >> 32
		maxE |= k[1] & low
	}
	ba, bs, be := uint(bits.Len64(maxA)), uint(bits.Len64(maxS)), uint(bits.Len64(maxE))
	if uint(bits.Len64(maxF))+ba+bs+be > 64 {
		slices.SortFunc(ks, cmpKeys)
		return scratch
	}
	scratch = scratch[:0]
	for _, k := range ks {
		scratch = append(scratch, k[0]>>32<<(ba+bs+be)|k[0]&low<<(bs+be)|k[1]>>32<<be|k[1]&low)
	}
	slices.Sort(scratch)
	for i, p := range scratch {
		ks[i] = [2]uint64{p>>(ba+bs+be)<<32 | p>>(bs+be)&(1<<ba-1), p>>be&(1<<bs-1)<<32 | p&(1<<be-1)}
	}
	return scratch
}

// keyLists is a heap of sorted, non-empty lists of policy keys, by their
// first key (policyCounter.count's merge).
type keyLists struct {
	lists [][][2]uint64
	cmp   func(x, y [2]uint64) int
}

func (h *keyLists) Len() int           { return len(h.lists) }
func (h *keyLists) Less(i, j int) bool { return h.cmp(h.lists[i][0], h.lists[j][0]) < 0 }
func (h *keyLists) Swap(i, j int)      { h.lists[i], h.lists[j] = h.lists[j], h.lists[i] }
func (h *keyLists) Push(x any)         { h.lists = append(h.lists, x.([][2]uint64)) }
func (h *keyLists) Pop() any {
	x := h.lists[len(h.lists)-1]
	h.lists = h.lists[:len(h.lists)-1]
	return x
}

// nameIDs numbers strings in order of first appearance, remembering the
// last one (the same name comes many times in a row).
type nameIDs struct {
	ids    map[string]uint32
	last   string
	lastID uint32
}

func (n *nameIDs) id(s string) uint32 {
	if n.ids != nil && s == n.last {
		return n.lastID
	}
	if n.ids == nil {
		n.ids = map[string]uint32{}
	}
	id, ok := n.ids[s]
	if !ok {
		id = uint32(len(n.ids))
		n.ids[s] = id
	}
	n.last, n.lastID = s, id
	return id
}

// mergeResults joins the results of loading HCL and plans.
func mergeResults(rs []*eval.Result) *eval.Result {
	out := &eval.Result{Sources: map[string][]byte{}}
	for _, r := range rs {
		if r == nil {
			continue
		}
		out.Modules = append(out.Modules, r.Modules...)
		for k, v := range r.Sources {
			out.Sources[k] = v
		}
		out.Files = append(out.Files, r.Files...)
		out.Diags = append(out.Diags, r.Diags...)
	}
	return out
}

// IsPlanPath reports whether Lint reads path p as a plan: "-" (standard
// input) and .json files (any case) that are not Terraform configuration or
// variable files (.tf.json, .tfvars.json) nor directories. A path that does
// not exist is a plan (reading it reports the error). The command asks it
// too (huge pages, the plan's GC goal, --new-only's note): one answer.
func IsPlanPath(p string) bool {
	if p == "-" {
		return true
	}
	base := strings.ToLower(filepath.Base(p))
	if !strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".tf.json") || strings.HasSuffix(base, ".tofu.json") || strings.HasSuffix(base, ".tfvars.json") {
		return false
	}
	st, err := os.Stat(p)
	return err != nil || !st.IsDir()
}

// internalExtractError is the diagnostic of a panic while extracting.
func internalExtractError(r any) hcl.Diagnostics {
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Internal error extracting policies",
		Detail: fmt.Sprintf("%v. Please report this.%s", r, eval.PanicStack())}}
}

// safeSpace runs extract.SpaceOfMax, turning a panic into an error
// diagnostic so that one bad input never takes the whole run down.
func safeSpace(mods []*eval.Module, maxValues int) (sp *extract.Space) {
	defer func() {
		if r := recover(); r != nil {
			sp = &extract.Space{Diags: internalExtractError(r)}
		}
	}()
	return extract.SpaceOfMax(mods, maxValues)
}

// safeSpaces runs extract.Spaces (a plan's evaluation result) like
// safeSpace; extract.SpacesDeferredThen (documented told when the
// documents are extracted, see there) when deferred.
func safeSpaces(res *eval.Result, deferred bool, documented func()) (sps []*extract.Space) {
	defer func() {
		if r := recover(); r != nil {
			sps = []*extract.Space{{Diags: internalExtractError(r)}}
		}
	}()
	if deferred {
		return extract.SpacesDeferredThen(res, documented)
	}
	return extract.Spaces(res)
}

// goCatch runs fn on a goroutine of its own and returns what waits for
// it; a panic of fn is raised again by the wait, in the caller.
func goCatch(fn func()) (wait func()) {
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	return func() {
		if p := <-done; p != nil {
			panic(p)
		}
	}
}

// safeExtract runs extract.Extract like safeSpace. The model is never nil.
func safeExtract(ev *eval.Result) (*iam.Model, hcl.Diagnostics) {
	return safeMerge(safeSpaces(ev, false, nil), ev.Sources)
}

// safeMerge runs extract.Merge like safeSpace. The model is never nil.
func safeMerge(spaces []*extract.Space, sources map[string][]byte) (m *iam.Model, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			m = &iam.Model{}
			diags = internalExtractError(r)
		}
		if m == nil {
			m = &iam.Model{}
		}
	}()
	return extract.Merge(spaces, sources)
}

// unreportedParseErrors returns, when rule policy-invalid does not run, an
// error diagnostic for each policy whose text is not JSON: without the rule
// such a policy would otherwise go unreported.
func unreportedParseErrors(rules []*Rule, m *iam.Model) hcl.Diagnostics {
	for _, r := range rules {
		if r != nil && r.ID == "policy-invalid" {
			return nil
		}
	}
	var diags hcl.Diagnostics
	for _, d := range m.Documents {
		for _, e := range d.ParseErrors() {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid JSON in policy",
				Detail:   e.Text,
				Subject:  e.Range.Ptr(),
			})
		}
	}
	return diags
}
