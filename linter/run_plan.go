package linter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
	"github.com/iamlint/iamlint/linter/plan"
)

// Plans are read by package linter/plan into the same eval.Result shape as
// HCL, so the same extractor and rules run on them. This file holds what the
// runner adds for plans: the .tf source (--source, or the plan's own
// directory) evaluated with the plan's variables to fill in policies that are
// unknown in the plan and to locate findings in the .tf files; notices for
// policies that stay unknown; and the --new-only comparison with the state
// before the plan.

// planRun is one plan being linted.
type planRun struct {
	name    string     // as in ranges ("<stdin>" for standard input)
	p       *plan.Plan // nil when the plan did not load
	after   *eval.Result
	newOnly bool   // --new-only: consumes is needed
	srcDir  string // the .tf source used, "" when none

	srcBlocks    map[string]*eval.Block // blocks of the source by address
	srcProviders []*eval.Block          // provider blocks of the source
	// Of the source's variables declared sensitive or ephemeral: where
	// their values are written (eval.Module.SensitiveRanges) and the
	// strings of the values it read (eval.Module.Sensitive); hideSensitive
	// hides them as hideSensitiveHCL does for a .tf run.
	srcHidden  []hcl.Range
	srcSecrets []string

	// Set when the plan's bytes are dropped after the merge (see
	// dropPlanBytes): what hideSensitive reads of them, taken before.
	dropped       *droppedPlan
	sensSecrets   map[string]bool // the strings of the sensitive values
	varSecrets    []string        // sensitiveVariableStrings
	varSecretsSet bool
	// Set by hideSensitive when the plan has sensitive strings: their
	// index, and the ranges of the unmarked copies of them that findings
	// are in (masked with Plan.Sensitive in the text report).
	secrets *secretIndex
	copies  [][2]int

	// consumes lists, by address of a resource the plan creates, updates
	// or replaces, the data documents whose json its after value holds
	// (for --new-only; kept by extractPlan when it drops the bodies).
	consumes map[string][]string

	// listed holds, by resource address, the nested blocks that the
	// configuration section does not list but the after value lists element
	// by element, with unknowns: dynamic blocks (see writtenPolicy; kept by
	// extractPlan when it drops the bodies).
	listed map[string]map[string]bool
	// unknownLists holds, by resource address, the attributes listing
	// managed policies (managed_policy_arns, policy_arns) that are wholly
	// unknown after the source is applied (attachmentNotices).
	unknownLists map[string]map[string]bool

	// streamed says that the plan was extracted as it was loaded
	// (streamPlan), into spaces.
	streamed bool
	spaces   []*extract.Space
	// early says that the plan's bytes were dropped at the release
	// (earlyDrop), and cfgText is then a copy of its configuration
	// section (planSecrets).
	early   bool
	cfgText []byte
	// pre is what earlyDrop reads of a streamed plan's text, read while
	// its graph is linked (startPreDrop); earlyDrop drops it.
	pre *preDrop
	// win, for a streamed plan read through windows (run_planwin.go),
	// until earlyDrop.
	win *windowed

	// facts is what planNotices and planSecrets read of the changes, by
	// address, once the changes are released before the merge
	// (releaseBeforeMerge); nil before, and again once the notices are
	// made (releasePlan).
	facts map[string]changeFact
}

// changeFact is what planNotices and planSecrets (planAddress) read of the
// changes of an address.
type changeFact struct {
	after bool // one of them has an after block; the last such one is described:
	data  bool // a data source
	// configured is its plan.Change.Configured (shared, read-only).
	configured map[string]bool
	root       bool // one of them is in the root module
}

// changeFacts returns what planNotices and planSecrets read of the
// changes of p.
func changeFacts(p *plan.Plan) map[string]changeFact {
	facts := make(map[string]changeFact, len(p.Changes))
	for _, c := range p.Changes {
		f := facts[c.Address]
		f.root = f.root || c.Module == ""
		if c.After != nil {
			f.after, f.data, f.configured = true, c.Mode == "data", c.Configured
		}
		facts[c.Address] = f
	}
	return facts
}

// releaseBeforeMerge releases the changes and the after blocks of the
// plans that --new-only does not compare and that have no .tf source
// (releasePlan), keeping what the steps after the merge read of the
// changes (facts), once the plans are extracted and summarized and before
// their policies are parsed by the merge: the merge ends with the plan
// bytes and the whole model in memory, the peak of a big plan's run, and
// the changes and blocks (about 450 bytes a resource instance) need not
// be there too.
func releaseBeforeMerge(runs []*planRun) {
	for _, r := range runs {
		if r == nil || r.p == nil || r.newOnly || r.srcDir != "" {
			continue
		}
		facts := r.facts // made when the changes were dropped early (releaseChangesEarly)
		if facts == nil {
			facts = changeFacts(r.p)
		}
		releasePlan(r)
		r.facts = facts
	}
}

// maxPlanSize bounds what is read as a plan (from a file or stdin): far above
// real plans (the 200 MB benchmark), below what would exhaust memory.
const maxPlanSize = 2 << 30

// planInputLimit is the most a plan may hold here: planLimit, or under a
// limit on the address space (ulimit -v) a third of what is left of it,
// with why (for the error) then. Reading a plan from a pipe holds it twice
// (readBounded's chunks and their join), and linting it takes about three
// times its size: past the address space, the runtime dies with "fatal
// error: out of memory" and its stacks (an endless stdin under ulimit -v
// 3000000 did, after 1.7 GB; so did a 100 MB plan file under 1500000).
func planInputLimit() (int64, string) {
	left, ok := inputSpaceLeft()
	if !ok || left/planInputShare >= planLimit {
		return planLimit, ""
	}
	return max(left/planInputShare, 0), fmt.Sprintf(" (a third of the %d bytes of address space left under the process's limit, ulimit -v: linting a plan takes about three times its size)", max(left, 0))
}

// AddressSpaceRemaining is addressSpaceLeft: the bytes of address space
// the process may still map under its limit (ulimit -v), false when there
// is none or it is not known (for baseline.AddressSpaceLeft).
func AddressSpaceRemaining() (int64, bool) { return addressSpaceLeft() }

// inputSpaceLeft is addressSpaceLeft for planInputLimit (a variable of its
// own: the tests of the read back fake a small address space for that
// only).
var inputSpaceLeft = addressSpaceLeft

// planInputShare: see planInputLimit.
const planInputShare = 3

// readPlanInput reads a plan file, or stdin for "-". A path that is not a
// regular file (a device, a FIFO) is refused, and no more than maxPlanSize
// (planLimit) bytes are read; standard input, whose size is not known, is
// read by readStdin (readBounded after its white space), which holds no
// more than that plus a chunk. A file whose first byte past the white space
// at its start is not '{' is not read on: fileHead's error.
func readPlanInput(p string, stdin io.Reader) ([]byte, error) {
	if p == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		limit, why := planInputLimit()
		src, err := readStdin(stdin, limit)
		if err == errPlanTooLarge {
			return nil, tooLargeError(limit, why)
		}
		return src, err
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError(p, st.Mode())
	}
	limit, why := planInputLimit()
	if st.Size() > limit {
		return nil, fmt.Errorf("the plan is %d bytes, more than the limit of %d%s", st.Size(), limit, why)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	// What cannot be a plan is told from its start, not read whole.
	if err := fileHead(f, st.Size()); err != nil {
		return nil, err
	}
	// Sized from the stat (as os.ReadFile does): no regrowth of a
	// buffer of tens of megabytes; a file that grew meanwhile is read on.
	buf, whole, err := readFileStart(f, st.Size())
	switch {
	case err != nil:
		return nil, err
	case whole:
		return buf, nil
	}
	src, err := readBounded(io.MultiReader(bytes.NewReader(buf), f), limit)
	if err == errPlanTooLarge {
		return nil, tooLargeError(limit, why)
	}
	return src, err
}

// isPlan reports whether src is terraform show -json output.
func isPlan(src []byte) bool { return plan.IsPlan(src) }

// notPlanDiag is the error for a .json path that is not a plan: the JSON
// syntax error with its byte offset when it is not even JSON (a truncated
// file), else "Not a Terraform plan".
func notPlanDiag(p string, src []byte) *hcl.Diagnostic {
	name := planName(p)
	what := p + " is a .json file but"
	if p == "-" {
		what = "standard input is"
	}
	why := "no format_version with planned_values or resource_changes"
	if hint := notPlanHint(src); hint != "" {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Terraform plan",
			Detail:  fmt.Sprintf("%s not the output of terraform show -json: %s.", what, hint),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
	}
	if _, diags := plan.Load(name, src, plan.Options{SkipBefore: true}); len(diags) > 0 {
		if _, ok := diags[0].Extra.(plan.FormatVersionNotString); ok && diags[0].Subject != nil {
			// Said as such: it was "no format_version".
			r := *diags[0].Subject
			r.Start.Column, r.End.Column = textpos.Column(src, r.Start.Byte), textpos.Column(src, r.End.Byte)
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Terraform plan",
				Detail:  fmt.Sprintf("%s not the output of terraform show -json: its %s", what, diags[0].Detail),
				Subject: &r}
		}
		if diags[0].Summary == "invalid plan JSON" {
			d := *diags[0]
			d.Detail += " Expected the output of terraform show -json."
			if d.Subject != nil {
				// Columns in code points, as the message has them: this
				// file is not among the sources codePointColumns converts.
				r := *d.Subject
				r.Start.Column, r.End.Column = textpos.Column(src, r.Start.Byte), textpos.Column(src, r.End.Byte)
				d.Subject = &r
			}
			return &d
		}
		if looksLikeState(src) {
			why = "it looks like a Terraform state: run terraform show -json on a saved plan file"
		}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Terraform plan",
		Detail:  fmt.Sprintf("%s not the output of terraform show -json (%s).", what, why),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// looksLikeState reports whether src is a state: a state file (version,
// lineage, resources) or terraform show -json of a state (format_version
// and values without planned_values).
func looksLikeState(src []byte) bool {
	var top map[string]json.RawMessage
	if len(src) > 64<<20 || json.Unmarshal(src, &top) != nil {
		return false
	}
	_, lineage := top["lineage"]
	_, resources := top["resources"]
	_, values := top["values"]
	_, fv := top["format_version"]
	return (lineage && resources) || (fv && values)
}

// planName is the file name used in ranges for a plan path.
func planName(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	return p
}

// loadPlan reads a plan: what it leads to (after), and with --new-only also
// the state before it of the resources it updates or replaces (before). When
// the .tf source is available (opts.Source, or the plan's directory when it
// holds .tf files), the plan's policies are completed and located from it.
func loadPlan(name string, src []byte, opts Options) (after, before *eval.Result, run *planRun) {
	pname := planName(name)
	run = &planRun{name: pname}
	srcDir := sourceDir(name, opts.Source)
	popts := plan.Options{SkipBefore: !opts.NewOnly, BeforeResourcesOnly: true}
	if !opts.NewOnly && srcDir == "" {
		// Only the extractor reads the values (the source evaluation takes
		// every value the plan knows, and --new-only what consumes a policy
		// document): the blocks it does not read are listed without them.
		popts.Relevant = planRelevant
		popts.Unread = planUnread
		popts.DeriveUnknown = planDeriveUnknown
		popts.UnreadOf = planUnreadOf
	}
	lazy := streams(opts, srcDir, len(src))
	popts.Lazy = lazy
	// The stream may read the plan through windows and drop its bytes
	// (run_planwin.go): its strings must not share them.
	popts.CopyStrings = lazy && planWindowsOn && earlyDrops
	p, diags := plan.Load(pname, src, popts)
	if lazy && p != nil && p.Lazy() {
		opts.progress(Progress{Stage: "planned", PlanBytes: int64(len(src)), PlanValues: int64(float64(len(src)) * p.LazyShare())})
		run.p = p
		// From here on the plan's bytes are p.After.Sources' only (the
		// stream may drop them): not held by this frame.
		src = nil
		w, ok := streamPlan(run, p.After)
		if !ok {
			// A value that does not build: Load's error for it.
			run.p, run.spaces, run.streamed = nil, nil, false
			popts.Lazy, popts.CopyStrings = false, false
			if w != nil {
				defer w.w.close()
			}
			switch {
			case w != nil && w.failed != nil:
				// A window that is not what was read first: the
				// file changed, and is not linted.
				return &eval.Result{Sources: map[string][]byte{}, Files: []string{pname}, Diags: w.failed}, nil, run
			case w != nil && w.used:
				// Read again: the stream read it through windows.
				var err error
				if src, err = w.w.readWhole(); err != nil {
					return &eval.Result{Sources: map[string][]byte{}, Files: []string{pname}, Diags: hcl.Diagnostics{windowChangedDiag(pname, err)}}, nil, run
				}
			default:
				// No windows, or failed before they were used.
				src = p.After.Sources[pname]
			}
			p, diags = plan.Load(pname, src, popts)
		}
	}
	if p == nil {
		return &eval.Result{Sources: map[string][]byte{pname: src}, Files: []string{pname}, Diags: diags}, nil, run
	}
	run.p = p
	after = p.After
	if after == nil {
		after = &eval.Result{}
	}
	after.Diags = append(after.Diags, diags...)
	run.after, run.newOnly = after, opts.NewOnly
	run.srcDir = srcDir
	if run.srcDir != "" {
		after.Diags = append(after.Diags, applySource(run, after, opts)...)
	}
	if !run.streamed {
		dropReadBack(p, after)
		dropReadBack(p, p.Before)
		releaseChangesEarly(run)
	}
	return after, p.Before, run
}

// planRelevant says which blocks of a plan the extractor reads (the
// credential scan of a plan reads its text, planSecrets).
func planRelevant(mode, typ string) bool { return extract.Relevant(mode, typ, []byte{}) }

// planUnread names the attributes of a plan's resources that nothing the
// runner does without --new-only and .tf source reads (the extractor, the
// identity graph, the read-back roles, the facts kept of the changes; the
// credential scan reads the plan's text): tags and the provider's
// tags_all, an object on most IAM resources (p50, bench/gen: the loaded
// plan's live heap 140 -> 132 MB, 70,000 allocations less), and the
// scalars description, create_date, max_session_duration and
// force_detach_policies (a role's body with them had more members than
// fit a map's first group). (A variable for the tests.)
var planUnread = func(attr string) bool {
	switch attr {
	case "tags", "tags_all", "description", "create_date", "max_session_duration", "force_detach_policies":
		return true
	}
	return false
}

// planDeriveUnknown says whether loadPlan passes plan.Options.DeriveUnknown
// with planUnread: the unknown attributes Terraform leaves out of after
// get no member Node (nothing the runner does then reads them but with Get
// or plan.Member). p50: 10 MB less allocated before the plan's values are
// released (a Node and member slots a resource). (A variable for the tests.)
var planDeriveUnknown = true

// planUnreadOf names, for a resource type whose values the runner reads
// only for the policies they hold (extract.PolicyAttrs: an S3 bucket, an
// SQS queue, a KMS key), the attributes its bodies leave out: all but
// those (nil for the other types). Without --new-only and .tf source, as
// planUnread. A mostly non-IAM plan of 230,000 resources, a fifth of them
// S3 buckets, built 78 MB of their values that nothing read. (A variable
// for the tests.)
var planUnreadOf = policyOnly

// policyOnly is planUnreadOf's: the unread attributes of each type that
// has some, made once per type (the bodies are built on every CPU).
func policyOnly(typ string) func(string) bool {
	if u, ok := policyOnlyTypes.Load(typ); ok {
		return u.(func(string) bool)
	}
	var u func(string) bool
	if keep := extract.PolicyAttrs(typ); keep != nil {
		u = func(a string) bool { return !slices.Contains(keep, a) }
	}
	// The type is copied: read from a plan, it is a string of the plan's
	// bytes, which a key of this process-wide map kept in memory for
	// the rest of the run (200 MB on p200, after the plan was dropped).
	v, _ := policyOnlyTypes.LoadOrStore(strings.Clone(typ), u)
	return v.(func(string) bool)
}

// policyOnlyTypes holds policyOnly's funcs by type.
var policyOnlyTypes sync.Map

// sourceDir returns the directory of the plan's .tf source: --source, or the
// plan file's directory (the current directory for stdin) when it holds .tf
// or .tf.json files.
func sourceDir(name, source string) string {
	if source != "" {
		if st, err := os.Stat(source); err != nil || !st.IsDir() {
			return "" // an error of the run already (Lint): no second, contradictory notice
		}
		return source
	}
	dir := filepath.Dir(name)
	if name == "-" {
		// terraform show -json plan.tfplan | iamlint -, run in the
		// module's directory.
		dir = "."
	}
	if firstTFFile(dir) != "" {
		return dir
	}
	return ""
}

// firstTFFile returns the first .tf or .tf.json file of dir, or "". A
// regular file comes before a symbolic link: the file is named to Load as a
// path, and a path that is a link is read wherever it leads (the user named
// it), while a link among the other files of the directory is refused when
// it leads outside it. A link a.tf -> ~/.aws/credentials beside main.tf was
// read and parsed as the plan's source.
func firstTFFile(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	link := ""
	for _, e := range entries {
		if e.IsDir() || !load.IsConfigFile(e.Name()) {
			continue
		}
		if e.Type().IsRegular() {
			return filepath.Join(dir, e.Name())
		}
		if link == "" {
			link = filepath.Join(dir, e.Name())
		}
	}
	return link
}

// applySource evaluates the root module in dir with the plan's variable
// values and merges it into the plan's after result (see mergeNode): a policy
// the plan leaves unknown takes the located value evaluated from the source,
// where the unknown parts stay unknown, and a policy the plan knows is
// located in the source when both agree.
func applySource(run *planRun, after *eval.Result, opts Options) hcl.Diagnostics {
	p, dir := run.p, run.srcDir
	var diags hcl.Diagnostics
	// One file of the directory names the root module without scanning
	// the directories below it for other root modules.
	tf := firstTFFile(dir)
	if tf == "" {
		return hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "No source for the plan",
			Detail:  fmt.Sprintf("%s holds no .tf or .tf.json file; the plan is linted without its source.", dir),
			Subject: &hcl.Range{Filename: dir}}}
	}
	lopts := load.Options{Paths: []string{tf}, Renderers: extract.Renderers(), MissingFileWarning: true,
		Known: planValues(after), MaxFileSize: opts.MaxFileSize, MaxInstances: opts.MaxInstances, MaxModuleDepth: opts.MaxModuleDepth}
	// The plan's instances exist already (terraform made them): the source
	// evaluates as many per count / for_each, whatever --max-instances is
	// (it capped them at 1024, so the policies of a module with 1,500
	// instances were all unknown).
	if n := len(p.Changes); n > lopts.MaxInstances && n > 1024 {
		lopts.MaxInstances = n
	}
	var vf *varFile
	// The values the source gives its variables itself need not be passed:
	// what comes from them is then located in the source.
	if vars := planOnlyVars(p.Variables, dir, opts.MaxFileSize); len(vars) > 0 {
		var err error
		maxSize := opts.MaxFileSize
		if maxSize <= 0 {
			maxSize = load.DefaultMaxFileSize
		}
		vf, err = writeVarFile(vars, maxSize)
		if err != nil {
			return hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Plan variables not applied to the source",
				Detail: err.Error()}}
		}
		defer os.Remove(vf.name)
		lopts.VarFiles = []string{vf.name}
		if len(vf.skipped) > 0 {
			// The file is iamlint's own: an error of its size named a
			// temporary file the user never wrote, and no value was applied.
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Plan variables not applied to the source",
				Detail: fmt.Sprintf("the plan's values of %s are larger than --max-file-size (%d bytes); in the .tf source in %s they are unknown.",
					strings.Join(vf.skipped, ", "), maxSize, dir),
				Subject: &hcl.Range{Filename: dir}})
		}
	}
	src := load.Load(lopts)
	var errs hcl.Diagnostics
	for _, d := range src.Diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	if len(errs) > 0 {
		// The plan is what is linted: a source that does not evaluate only
		// costs completions and locations. One notice, not one per error.
		first := errs[0]
		where := ""
		if first.Subject != nil {
			where = fmt.Sprintf("%s:%d: ", first.Subject.Filename, first.Subject.Start.Line)
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Source of the plan has errors",
			Detail: fmt.Sprintf("%d error(s) evaluating the .tf source in %s (first: %s%s); what it could not evaluate is linted from the plan alone.",
				len(errs), dir, where, diagMessage(first)),
			Subject: first.Subject})
	}
	mods := rootGroup(src, dir)
	blocks := map[string]*eval.Block{}
	run.srcBlocks = blocks
	srcMods := map[string]*eval.Module{}
	for _, m := range mods {
		srcMods[m.Path] = m
		run.srcHidden = append(run.srcHidden, m.SensitiveRanges...)
		for _, v := range m.Sensitive {
			collectStrings(v, &run.srcSecrets, 0)
		}
		for _, b := range m.Blocks {
			if (b.Mode == "resource" || b.Mode == "data") && !b.Shadowed() {
				blocks[b.Address] = b // (a second declaration of an address is not the plan's: Terraform refuses it)
			} else if b.Mode == "provider" {
				run.srcProviders = append(run.srcProviders, b)
			}
		}
	}
	mismatched, first, firstAttr, firstRng := 0, "", "", hcl.Range{}
	for _, m := range after.Modules {
		if sm := srcMods[m.Path]; sm != nil {
			m.Dir, m.CallChain = sm.Dir, sm.CallChain
		}
		for _, b := range m.Blocks {
			sb := run.sourceBlock(p.Change(b), b.Address)
			if sb == nil || sb.Body == nil || b.Body == nil {
				continue
			}
			b.Range = sb.Range
			if b.Mode == "data" {
				if b.Type == "aws_iam_policy_document" && sameDocument(b.Body, sb.Body) {
					b.Body = sb.Body
				}
				continue
			}
			// A policy consumer whose known attributes contradict the
			// plan's is another configuration's block (--source naming
			// another tree): its policy would be linted in the plan's place.
			if extract.ConsumerType(b.Type) {
				if attr := disagreeAttr(b.Body, sb.Body); attr != "" {
					if mismatched++; mismatched == 1 {
						first, firstAttr, firstRng = b.Address, attr, sb.Range
					}
					continue
				}
			}
			b.Body = mergeBody(b.Body, sb.Body)
		}
	}
	if mismatched > 0 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Source does not match the plan",
			Detail: fmt.Sprintf("%s in %s:%d is not the plan's: its %s differs from the plan's. What the plan leaves unknown is not linted from such blocks (%s in %s): is it the configuration the plan was made from?",
				first, firstRng.Filename, firstRng.Start.Line, firstAttr, mismatchCount(mismatched), srcDirText(dir)),
			Subject: &firstRng})
	}
	if vf != nil {
		seen := map[*eval.Node]bool{}
		for _, m := range after.Modules {
			for _, b := range m.Blocks {
				vf.relocate(b.Body, seen)
			}
		}
	}
	for name, s := range src.Sources {
		if vf != nil && name == vf.name {
			continue
		}
		if _, ok := after.Sources[name]; !ok {
			after.Sources[name] = s
		}
	}
	return diags
}

// sourceBlock returns the block of the source at addr, the address of
// change c. A change deferred because its instances are not known yet has
// the unknown instance key [*] (Terraform, OpenTofu), which the source
// evaluation gives the instance of an unknown count or for_each too; a
// plan that writes it as the string key ["*"] is looked up as [*] when the
// source has no ["*"] instance.
func (run *planRun) sourceBlock(c *plan.Change, addr string) *eval.Block {
	if sb := run.srcBlocks[addr]; sb != nil || c == nil || c.Source != plan.FromDeferredChanges || !strings.Contains(addr, `["*"]`) {
		return sb
	}
	return run.srcBlocks[strings.ReplaceAll(addr, `["*"]`, "[*]")]
}

// planValues returns what the plan knows of each resource and data source
// instance (its after value, by address), for the source evaluation: an
// attribute only apply would know in the .tf (an existing bucket's arn, the
// account_id of data.aws_caller_identity read during planning) takes the
// plan's value when the plan knows it.
func planValues(after *eval.Result) func(string) cty.Value {
	vals := map[string]cty.Value{}
	for _, m := range after.Modules {
		for _, b := range m.Blocks {
			if (b.Mode == "resource" || b.Mode == "data") && b.Body != nil && b.Body.Val != cty.NilVal {
				vals[b.Address] = b.Body.Val
			}
		}
	}
	return func(addr string) cty.Value { return vals[addr] }
}

// rootGroup returns the root module of dir and the modules it calls.
func rootGroup(res *eval.Result, dir string) []*eval.Module {
	want := absPath(dir)
	var out []*eval.Module
	in := false
	for _, m := range res.Modules {
		if m.Path == "" {
			if in {
				break
			}
			in = absPath(m.Dir) == want
		}
		if in {
			out = append(out, m)
		}
	}
	return out
}

// varFile is the plan's variable values written as a .tfvars.json file for
// the source evaluation; spans says where each value is in it, so that values
// read from it are located at the variable's value in the plan instead.
type varFile struct {
	name    string
	spans   map[string][2]int
	vars    map[string]*eval.Node
	skipped []string // the variables left out (var.NAME): too large
}

// writeVarFile writes the plan's variable values as a .tfvars.json file of
// at most maxSize bytes (the loader reads no larger file): the values that
// do not fit are left out, and named in skipped.
func writeVarFile(vars map[string]*eval.Node, maxSize int64) (*varFile, error) {
	vf := &varFile{spans: map[string][2]int{}, vars: vars}
	var names []string
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	buf := []byte{'{'}
	for _, k := range names {
		n := vars[k]
		if n == nil || n.Val == cty.NilVal || !n.Val.IsWhollyKnown() {
			continue
		}
		b, err := ctyjson.Marshal(n.Val, n.Val.Type())
		if err != nil {
			continue
		}
		kb, _ := json.Marshal(k)
		if int64(len(buf)+2+len(kb)+1+len(b)+1) > maxSize {
			vf.skipped = append(vf.skipped, "var."+k)
			continue
		}
		if len(buf) > 1 {
			buf = append(buf, ',', '\n')
		}
		buf = append(append(buf, kb...), ':')
		vf.spans[k] = [2]int{len(buf), len(buf) + len(b)}
		buf = append(buf, b...)
	}
	buf = append(buf, '}')
	f, err := os.CreateTemp("", "iamlint-plan-*.tfvars.json")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Write(buf); err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	vf.name = f.Name()
	return vf, nil
}

// relocate moves the ranges of n (and all it holds) that are in the
// variables file to the value of their variable in the plan.
func (vf *varFile) relocate(n *eval.Node, seen map[*eval.Node]bool) {
	if vf == nil || n == nil || seen[n] {
		return
	}
	seen[n] = true
	n.Range = vf.rng(n.Range)
	if nr := n.NameRange(); vf.rng(nr) != nr {
		n.SetNameRange(vf.rng(nr))
	}
	for _, c := range n.Kids() {
		vf.relocate(c, seen)
	}
	for _, c := range n.Elems {
		vf.relocate(c, seen)
	}
	for _, c := range n.Alts() {
		vf.relocate(c, seen)
	}
	vf.relocate(n.JSONArg(), seen)
	vf.textMap(n.Text)
	if n.PartialOf() != nil {
		vf.textMap(n.PartialOf().Map)
	}
}

func (vf *varFile) textMap(tm *eval.TextMap) {
	if tm == nil {
		return
	}
	segs := tm.Segments()
	for i := range segs {
		g := &segs[i]
		if g.File == vf.name {
			r := vf.rng(hcl.Range{Filename: g.File, Start: g.Start, End: g.Start})
			g.File, g.Start, g.Verbatim, g.Src = r.Filename, r.Start, false, nil
		}
	}
}

func (vf *varFile) rng(r hcl.Range) hcl.Range {
	if r.Filename != vf.name {
		return r
	}
	for k, sp := range vf.spans {
		if sp[0] <= r.Start.Byte && r.Start.Byte < sp[1] {
			if v := vf.vars[k]; v != nil {
				return v.Range
			}
		}
	}
	return r
}

// sameDocument reports whether a data aws_iam_policy_document of the plan
// and of the source render the same json, or the plan's is not known yet.
func sameDocument(pb, sb *eval.Node) bool {
	pj := pb.Get("json")
	if pj == nil || !pj.Val.IsWhollyKnown() {
		return true
	}
	r := extract.RenderPolicyDocument(sb)
	if r == cty.NilVal || !r.IsKnown() || r.IsNull() || !r.Type().IsObjectType() || !r.Type().HasAttribute("json") {
		return false
	}
	sj := r.GetAttr("json")
	if !sj.IsWhollyKnown() || sj.IsNull() || pj.Val.IsNull() || pj.Val.Type() != cty.String {
		return false
	}
	return sameText(pj.Val.AsString(), sj.AsString())
}

// mergeBody merges the evaluated source body of a resource into its plan
// body, attribute by attribute (see mergeNode). The plan's values win where
// both are known and differ.
func mergeBody(pb, sb *eval.Node) *eval.Node {
	out := *pb
	var mem eval.Members
	mem.Grow(pb.NumKids())
	for i, v := range pb.Kids() {
		k := pb.Keys[i]
		if s, ok := sb.Lookup(k); ok {
			v = mergeNode(v, s, 1)
		} else if planScalar(v) {
			// A setting the source leaves out (a provider default: the
			// minimum_password_length of a password policy without one)
			// is reported at the source block, as the scalars the plan
			// keeps in the body's value are, not in the plan.
			c := *v
			c.Range = sb.Range
			c.SetNameRange(hcl.Range{})
			v = &c
		}
		mem.Set(k, v)
	}
	// Attributes the plan keeps only in the body's value (scalars).
	for _, k := range sb.Keys {
		if _, ok := pb.Lookup(k); ok {
			continue
		}
		if p := pb.Get(k); p != nil && !isNullNode(p) {
			mem.Set(k, mergeNode(p, sb.Attr(k), 1))
		}
	}
	mem.Into(&out)
	return &out
}

// planScalar reports whether the plan attribute n is a known number, bool
// or string that is no JSON text (a policy's): a Node the plan gives only to
// locate a setting (plan.locatesAll).
func planScalar(n *eval.Node) bool {
	v := n.Val
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsPrimitiveType() {
		return false
	}
	if v.Type() == cty.String {
		t := strings.TrimLeft(v.AsString(), " \t\r\n\ufeff")
		return !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "[")
	}
	return true
}

func isNullNode(n *eval.Node) bool {
	return n.Val == cty.NilVal || (n.Val.IsKnown() && n.Val.IsNull())
}

// mergeNode merges the source node s into the plan node p:
//   - unknown in the plan: the source node, with what it knows and located
//     in the .tf (what the source cannot know is unknown there too);
//   - a known string: the source node when it holds the same text (JSON
//     compared by meaning), else the plan's value at the source's range;
//   - an object or list: merged member by member.
func mergeNode(p, s *eval.Node, depth int) *eval.Node {
	if p == nil || s == nil {
		return p
	}
	pv := p.Val
	if pv == cty.NilVal {
		return p
	}
	if !pv.IsKnown() {
		return s
	}
	if pv.IsNull() || depth > 8 {
		return p
	}
	ty := pv.Type()
	switch {
	case ty.IsPrimitiveType():
		if sv := s.Val; sv != cty.NilVal && sv.IsKnown() && !sv.IsNull() && sv.Type() == ty &&
			((ty == cty.String && sameText(pv.AsString(), sv.AsString())) || (ty != cty.String && pv.Equals(sv).True())) {
			if p.RefTo() != nil && s.RefTo() == nil {
				c := *s
				c.SetRef(p.RefTo())
				return &c
			}
			return s
		}
		c := *p
		atSource(&c, s)
		return &c
	case ty.IsObjectType() || ty.IsMapType():
		if s.NumAttrs() == 0 {
			return p
		}
		c := *p
		atSource(&c, s)
		var mem eval.Members
		keys := p.Keys
		if len(keys) == 0 {
			for it := pv.ElementIterator(); it.Next(); {
				k, _ := it.Element()
				keys = append(keys, k.AsString())
			}
		}
		for _, k := range keys {
			pc := p.Get(k)
			if pc == nil {
				continue
			}
			mem.Set(k, mergeNode(pc, s.Get(k), depth+1))
		}
		mem.Into(&c)
		return &c
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		n := pv.LengthInt()
		if len(s.Elems) != n || n == 0 {
			return p
		}
		c := *p
		atSource(&c, s)
		c.Elems = make([]*eval.Node, n)
		// Nested blocks that are sets (a role's inline_policy) are in the
		// plan in the provider's order, not the configuration's: each plan
		// element is merged with the source element whose known scalar
		// attributes agree with its own (its name), by index when both fit.
		used := make([]bool, n)
		match := make([]int, n)
		for i := 0; i < n; i++ {
			match[i] = -1
			if agree(p.Index(i), s.Elems[i]) {
				match[i], used[i] = i, true
			}
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n && match[i] < 0; j++ {
				if !used[j] && agree(p.Index(i), s.Elems[j]) {
					match[i], used[j] = j, true
				}
			}
		}
		for i := 0; i < n; i++ {
			if match[i] < 0 {
				c.Elems[i] = p.Index(i)
				continue
			}
			c.Elems[i] = mergeNode(p.Index(i), s.Elems[match[i]], depth+1)
		}
		return &c
	}
	return p
}

// atSource gives the merged node c the source node's ranges: what is
// reported at an attribute (an element of a list of users, of
// managed_policy_arns) is located in the .tf like its members.
func atSource(c, s *eval.Node) {
	c.Range = s.Range
	if s.NameRange().Filename != "" {
		c.SetNameRange(s.NameRange())
	}
}

// agree reports whether a plan element p and a source element s may be the
// same: when both are objects, every scalar attribute known (and not null)
// in both is equal (strings compared by sameText); other values always agree.
func agree(p, s *eval.Node) bool { return disagreeAttr(p, s) == "" }

// disagreeAttr returns the first attribute (by name) that tells plan element
// p and source element s apart (see agree), "" when there is none.
func disagreeAttr(p, s *eval.Node) string {
	if p == nil || s == nil || p.Val == cty.NilVal || s.Val == cty.NilVal || !p.Val.IsKnown() || !s.Val.IsKnown() ||
		p.Val.IsNull() || s.Val.IsNull() {
		return ""
	}
	pt, st := p.Val.Type(), s.Val.Type()
	if !(pt.IsObjectType() || pt.IsMapType()) || !(st.IsObjectType() || st.IsMapType()) {
		return ""
	}
	for it := p.Val.ElementIterator(); it.Next(); {
		k, pv := it.Element()
		name := k.AsString()
		if !pv.IsKnown() || pv.IsNull() || !pv.Type().IsPrimitiveType() {
			continue
		}
		var sv cty.Value
		switch {
		case st.IsObjectType() && st.HasAttribute(name):
			sv = s.Val.GetAttr(name)
		case st.IsMapType() && s.Val.HasIndex(cty.StringVal(name)).True():
			sv = s.Val.Index(cty.StringVal(name))
		default:
			continue
		}
		if !sv.IsKnown() || sv.IsNull() || !sv.Type().Equals(pv.Type()) {
			continue
		}
		if pv.Type() == cty.String {
			if !sameText(pv.AsString(), sv.AsString()) {
				return name
			}
		} else if pv.Equals(sv).False() {
			return name
		}
	}
	return ""
}

// sameText compares two strings, as policy documents when both are JSON:
// key order, white space, the order of list members, a one-member list for
// its member and an empty Sid do not matter (providers render policies in
// slightly different ways across versions).
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return reflect.DeepEqual(normPolicy(x), normPolicy(y))
}

// normPolicy returns a canonical form of a decoded JSON policy.
func normPolicy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			if k == "Sid" && e == "" {
				continue
			}
			out[k] = normPolicy(e)
		}
		return out
	case []any:
		if len(t) == 1 {
			return normPolicy(t[0])
		}
		keys := make([]string, len(t))
		for i, e := range t {
			b, _ := json.Marshal(normPolicy(e))
			keys[i] = string(b)
		}
		sort.Strings(keys)
		return keys
	}
	return v
}

// deferPlanPolicies says whether extractPlan defers the parse of policy
// strings (extract.SpacesDeferred); false only in tests, which compare.
var deferPlanPolicies = true

// extractPlan extracts the model of a loaded plan (the spaces of after),
// then drops the evaluated bodies of the plan's blocks: what is linted from
// here on is the model, and a big plan's values would otherwise stay in
// memory through the rules and the report (about 3x the plan's size). What
// the runner still needs of them, the data documents each change consumes
// (newOnly), is kept in run.consumes first. Blocks keep their address and
// range (suppressions, counts, notices).
//
// documented (when not nil) is called once the documents of the plan are
// extracted (a plan extracted now, not streamed), before its graph is
// linked to them: Progress stage "documented", at which the CLI collects
// (planGC) the garbage of the load and of the documents' extraction, which
// would otherwise lie under the graph's allocations until the values are
// released (p50: 24 MB).
func extractPlan(after *eval.Result, runs []*planRun, documented func()) []*extract.Space {
	var run *planRun
	for _, r := range runs {
		if r.after == after {
			run = r
		}
	}
	if run == nil || run.p == nil {
		// Deferred: the policy strings are parsed by the merge, once the
		// bodies are dropped below (a big plan's model and values are
		// never in memory together).
		return safeSpaces(after, deferPlanPolicies, documented)
	}
	var sps []*extract.Space
	if run.streamed {
		// Extracted as it was loaded (streamPlan).
		sps, run.spaces = run.spaces, nil
	} else {
		// What the runner keeps of the changes only reads their bodies:
		// kept while the plan is extracted (unless it was kept at the
		// load).
		if run.facts != nil {
			// Kept and dropped as the plan was loaded (releaseChangesEarly).
			sps = safeSpaces(after, deferPlanPolicies, documented)
		} else {
			wait := goCatch(func() { keepChangeFacts(run) })
			sps = safeSpaces(after, deferPlanPolicies, documented)
			wait()
		}
	}
	for _, m := range after.Modules {
		for _, b := range m.Blocks {
			// Before blocks (--new-only) share unchanged attribute Nodes
			// with these and are extracted later: they keep their own bodies.
			b.DropBody()
		}
	}
	return sps
}

// releaseChangesEarly drops the changes of run's plan once it is loaded,
// keeping what the runner reads of them (keepChangeFacts, changeFacts),
// when releaseBeforeMerge would drop them (no --new-only, no .tf source):
// from then on nothing reads them (the extraction and the graph read the
// blocks), and the changes (p50: 46,460 of 256 bytes, and their index by
// block, about 13 MB) no longer lie under the allocations of the
// extraction and of the graph until the release. p50 (CLI json, with the
// CLI's collection at "loaded"): heap at the release 192 -> 179 MB, at the
// collection of "documented" 184 -> 175 MB.
func releaseChangesEarly(run *planRun) {
	if run.p == nil || run.newOnly || run.srcDir != "" {
		return
	}
	keepChangeFacts(run)
	run.facts = changeFacts(run.p)
	run.p.ReleaseChanges()
}

// releasePlan drops what the runner reads of a plan only until its notices
// are made, when --new-only does not compare it: its changes and the blocks
// of its after result (finish reads their summary, blockSummary). On a big
// plan they are about 400 bytes a resource instance.
func releasePlan(r *planRun) {
	r.p.ReleaseChanges()
	r.facts = nil // read until the notices are made (releaseBeforeMerge); they share the plan's bytes
	if r.after != nil {
		for _, m := range r.after.Modules {
			if m != nil {
				m.Blocks = nil
			}
		}
	}
}

// keepChangeFacts keeps in run what the runner reads of its plan's changes
// once their bodies are dropped: the data documents each change consumes,
// the attributes it lists and those that are unknown lists.
func keepChangeFacts(run *planRun) {
	run.initFacts()
	for _, c := range run.p.Changes {
		run.keepFacts(c)
	}
	for _, c := range run.p.Changes {
		if !run.newOnly || c.After == nil || c.Mode != "resource" || !(c.Actions.Create() || c.Actions.Update() || c.Actions.Replace()) {
			continue
		}
		seen := map[string]bool{}
		refs(c.After.Body, func(addr string) {
			if !seen[addr] {
				seen[addr] = true
				run.consumes[c.Address] = append(run.consumes[c.Address], addr)
			}
		}, 0)
	}
}

func (run *planRun) initFacts() {
	run.consumes = map[string][]string{}
	run.listed = map[string]map[string]bool{}
	run.unknownLists = map[string]map[string]bool{}
}

// keepFacts keeps the attributes change c lists and those that are
// unknown lists (keepChangeFacts), while its after body is there.
func (run *planRun) keepFacts(c *plan.Change) {
	if c.After == nil || c.After.Body == nil || c.Mode != "resource" {
		return
	}
	if attr := attachmentAttr[c.Type]; strings.HasSuffix(attr, "s") {
		if n := plan.Member(c.After.Body, attr); n != nil && n.Val != cty.NilVal && !n.Val.IsKnown() {
			run.unknownLists[c.Address] = map[string]bool{attr: true}
		}
	}
	if c.Configured == nil {
		return
	}
	for i, n := range c.After.Body.Kids() {
		if n == nil {
			continue
		}
		k := c.After.Body.Keys[i]
		v := n.Val
		if c.Configured[k] || v == cty.NilVal || !v.IsKnown() || v.IsNull() || v.IsWhollyKnown() ||
			!v.CanIterateElements() || v.LengthInt() == 0 {
			continue
		}
		if run.listed[c.Address] == nil {
			run.listed[c.Address] = map[string]bool{}
		}
		run.listed[c.Address][k] = true
	}
}

// owns reports whether a document or attachment located in file is the
// run's: in its plan, or in the .tf source evaluated for it. The model
// holds every plan's and every .tf root's, which an address alone does not
// tell apart: two plans with an aws_iam_policy.p each got both plans'
// notices, and a .tf root's unknown policy of that address the plans'.
func (run *planRun) owns(file string) bool {
	if file == run.name {
		return true
	}
	if run.srcDir == "" || run.after == nil {
		return false
	}
	_, ok := run.after.Sources[file]
	return ok
}

// planNotices reports every policy of a plan that is unknown until apply and
// so could not be linted.
func planNotices(model *iam.Model, runs []*planRun, rules []*Rule) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, run := range runs {
		if run.p == nil {
			continue
		}
		changes := run.facts
		var byAddr map[string]*plan.Change // the changes themselves (sourceBlock), when not released
		if changes == nil {
			changes, byAddr = changeFacts(run.p), map[string]*plan.Change{}
			for _, c := range run.p.Changes {
				if c.After != nil {
					byAddr[c.Address] = c
				}
			}
		}
		for _, d := range model.Documents {
			if !run.owns(d.Range.Filename()) {
				continue // another plan's, or a .tf root's, with the same address
			}
			grants := ""
			if !d.Unknown {
				grants = unknownGrants(d, rules)
			}
			if (!d.Unknown && grants == "") || len(d.ParseErrors()) > 0 {
				continue // known, or known and not JSON (policy-invalid says so)
			}
			c := changes[d.Address]
			if !c.after {
				continue
			}
			top, _, _ := strings.Cut(d.Attribute, ".")
			if !writtenPolicy(run, d.Address, c, top) {
				// Computed by the provider (a role's inline_policy when the
				// configuration has no inline_policy block): nothing to lint.
				continue
			}
			if sb := run.sourceBlock(byAddr[d.Address], d.Address); sb != nil && sb.Body != nil && sb.Body.Attr(top) == nil && !c.data {
				// Not set in the source (computed by the provider). A
				// document's json never is: it is what the data source
				// computes.
				continue
			}
			what, lint := "is unknown until apply and could not be linted", "to lint it"
			if !d.Unknown {
				what, lint = unknownGrantsText(grants, "until apply"), "to lint them"
			} else if knownStatements(d) > 0 {
				// Some statements are known (and linted), others not.
				what, lint = "is partly unknown until apply: its known statements were linted, the others could not be", "to lint them"
			}
			msg := fmt.Sprintf("The policy of %s (%s) %s; pass --source DIR (the directory of its .tf files) %s from the source.", d.Address, d.Attribute, what, lint)
			if run.srcDir != "" {
				msg = fmt.Sprintf("The policy of %s (%s) %s: it could not be evaluated from the source in %s.", d.Address, d.Attribute, what, srcDirText(run.srcDir))
			}
			diags = append(diags, unknownPolicyNotice(d, d.Range.HCL(), "Policy unknown until apply", msg))
		}
		diags = append(diags, attachmentNotices(model, run, changes)...)
	}
	return diags
}

// attachmentNotices reports the managed policy attachments of the plan's
// changes whose policy is unknown until apply: a role's managed_policy_arns
// that holds a policy the same apply creates is a set with an unknown
// element, which the plan shows wholly unknown (an AdministratorAccess
// beside it included). Attachments the configuration does not write (a
// role's computed managed_policy_arns) are not.
func attachmentNotices(model *iam.Model, run *planRun, changes map[string]changeFact) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	for _, a := range model.Graph.Attachments {
		if !run.owns(a.Range.Filename()) {
			continue
		}
		attr := attachmentAttr[a.ResourceType]
		if strings.HasSuffix(attr, "s") {
			// A list wholly unknown (managed_policy_arns = [aws_iam_policy.p.arn,
			// "arn:...:AdministratorAccess"]) may hold more than the policy
			// its configuration references.
			if !run.unknownLists[a.Address][attr] || seen[a.Address] {
				continue
			}
		} else if a.PolicyARN.Known || a.PolicyARN.Partial() != "" || a.PolicyName.Known || seen[a.Address] || a.Policy != nil {
			continue // known, or exactly the policy the configuration references
		}
		c := changes[a.Address]
		if !c.after || attr == "" || !writtenPolicy(run, a.Address, c, attr) {
			continue
		}
		seen[a.Address] = true
		msg := fmt.Sprintf("The managed policies of %s (%s) are unknown until apply and could not be checked; pass --source DIR (the directory of its .tf files) to check them from the source.", a.Address, attr)
		if run.srcDir != "" {
			msg = fmt.Sprintf("The managed policies of %s (%s) are unknown until apply and could not be checked: they could not be evaluated from the source in %s.", a.Address, attr, srcDirText(run.srcDir))
		}
		r := a.Range.HCL()
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Policy unknown until apply",
			Detail: msg, Subject: &r, Extra: noticeAddress(a.Address)})
	}
	return diags
}

// attachmentAttr is the attribute that names the managed policy of each
// attaching resource type.
var attachmentAttr = map[string]string{
	"aws_iam_role":                               "managed_policy_arns",
	"aws_iam_user_policy_attachment":             "policy_arn",
	"aws_iam_group_policy_attachment":            "policy_arn",
	"aws_iam_role_policy_attachment":             "policy_arn",
	"aws_iam_policy_attachment":                  "policy_arn",
	"aws_iam_user_policy_attachments_exclusive":  "policy_arns",
	"aws_iam_group_policy_attachments_exclusive": "policy_arns",
	"aws_iam_role_policy_attachments_exclusive":  "policy_arns",
	"aws_ssoadmin_managed_policy_attachment":     "managed_policy_arn",
}

// knownStatements counts the statements of d that are known at least in
// part (an unknown statement has an unknown Effect).
func knownStatements(d *iam.Document) int {
	n := 0
	for _, s := range d.Statements {
		if s != nil && s.Effect().Known {
			n++
		}
	}
	return n
}

// writtenPolicy reports whether attribute top of the resource at addr (its
// change c) holds a policy the configuration wrote, as opposed to one the
// provider computes (a role's inline_policy when the configuration has no
// inline_policy block). The
// plan's configuration section lists the attributes a resource sets, except
// those from dynamic blocks: a nested block the after value lists element by
// element was written (dynamic "inline_policy" with a policy unknown until
// apply), one wholly unknown was not. A policy document data source is a
// policy whatever it sets.
func writtenPolicy(run *planRun, addr string, c changeFact, top string) bool {
	return c.data || c.configured == nil || c.configured[top] || run.listed[addr][top]
}

// noticeAddress is the Extra of a diagnostic about one resource: the
// resource of its notice, which the position alone does not give for a plan
// (a plan block's range is its address member, not the whole change).
type noticeAddress string

// noticeResource returns the resource of the notice for d: the address it
// carries (noticeAddress), else the block whose range holds its subject.
func noticeResource(d *hcl.Diagnostic, blocks blockIndex) string {
	if a, ok := d.Extra.(noticeAddress); ok {
		return string(a)
	}
	return blocks.resourceAt(d.Subject)
}

// planSourceDirs returns the .tf source directories the plans used, for the
// file filter (a plan named as a file has its findings in its .tf files).
func planSourceDirs(runs []*planRun) []string {
	var out []string
	for _, r := range runs {
		if r.srcDir != "" {
			out = append(out, r.srcDir)
		}
	}
	return out
}

// newOnly keeps, of res's findings, only those that the plans add or widen
// (--new-only). A finding on a resource the plan creates is new; on one it
// updates, replaces or leaves alone (no-op), it is new unless the prior
// state (every resource's before value, linted with the same rules) has the
// same finding: same rule, policy kind and message (the message names the
// offending value, never a position, so the plan's line numbers and the
// rendering of the policy do not matter). A finding on a data
// aws_iam_policy_document is new when a resource the plan creates consumes
// the document, or one it updates did not have that finding before.
// A finding the prior state had is new again when the grant now reaches a
// principal it did not (a new group membership or attachment of an
// unchanged policy: newHolders); the new holders become related locations,
// whose ranges it returns (their columns not yet converted: codePointRelated).
// Findings on resources of no plan (HCL paths) are kept.
func newOnly(res *Result, opts Options, runs []*planRun, befores []*eval.Result, model *iam.Model, wide *widePatterns) (added []*hcl.Range) {
	type key struct {
		rule, kind, msg string
	}
	// Each plan is compared with its own prior state: several plans (one
	// per environment) have the same addresses. A resource is the plan
	// that holds it (owner: the run whose plan or source has the file)
	// and its address; "" for a finding of a .tf root, which no change is.
	// The findings' files are relative to the current directory by now
	// (the prior state's are as the runs name them): both are owners' keys.
	type res2 = planAddr
	cwd, _ := os.Getwd()
	owners := map[string]string{}
	for _, run := range runs {
		if run.p == nil {
			continue
		}
		names := []string{run.name}
		if run.srcDir != "" && run.after != nil {
			for name := range run.after.Sources {
				names = append(names, name)
			}
		}
		for _, name := range names {
			for _, k := range []string{name, relName(name, cwd)} {
				if _, ok := owners[k]; !ok {
					owners[k] = run.name
				}
			}
		}
	}
	owner := func(file string) string { return owners[file] }
	old := map[res2]map[key]int{}
	olds := map[res2][]Finding{} // by resource, for narrowedFrom
	denies := map[res2]bool{}    // resources whose policy had a Deny before (narrowedFrom)
	var bmodel *iam.Model
	if len(befores) > 0 {
		bev := mergeResults(befores)
		bmodel, _ = safeExtract(bev)
		for _, d := range bmodel.Documents {
			for _, st := range d.Statements {
				if st != nil && !(st.Effect().Known && strings.EqualFold(st.Effect().Text, "Allow")) {
					denies[res2{owner(d.Range.Filename()), d.Address}] = true
				}
			}
		}
		if wide != nil {
			// The plan's budget, spent: a pattern the plan's model expands
			// is expanded in the prior state's too, one it does not is not
			// (a finding of the plan is new or not by the same patterns).
			wide.apply(bmodel.Documents)
		}
		bfindings, _ := runRules(opts.Rules, bmodel)
		for _, f := range dedupe(bfindings) {
			r := res2{owner(f.Range.Filename), f.Resource}
			if old[r] == nil {
				old[r] = map[key]int{}
			}
			old[r][key{f.Rule, string(f.PolicyKind), withoutDocUse(f.Message)}]++
			olds[r] = append(olds[r], f)
		}
	}
	changes := map[res2]*plan.Change{}
	consumers := map[res2][]*plan.Change{} // data document -> changed resources consuming it
	for _, run := range runs {
		if run.p == nil {
			continue
		}
		for _, c := range run.p.Changes {
			if c.After == nil {
				continue
			}
			changes[res2{run.name, c.Address}] = c
			for _, addr := range run.consumes[c.Address] {
				consumers[res2{run.name, addr}] = append(consumers[res2{run.name, addr}], c)
			}
		}
	}
	// had reports whether addr had the finding k before the plan, and
	// consumes it (a finding counts once): the same message, or one where
	// what the plan leaves unknown ("(known after apply)", "${...}": the ARN
	// of a bucket the plan replaces) was any text.
	had := func(addr res2, k key, consume bool) bool {
		if old[addr][k] > 0 {
			if consume {
				old[addr][k]--
			}
			return true
		}
		re := unknownPattern(k.msg)
		if re == nil {
			return false
		}
		var olds []key
		for ok, n := range old[addr] {
			if n > 0 && ok.rule == k.rule && ok.kind == k.kind && re.MatchString(ok.msg) {
				olds = append(olds, ok)
			}
		}
		if len(olds) == 0 {
			return false
		}
		sort.Slice(olds, func(i, j int) bool { return olds[i].msg < olds[j].msg })
		if consume {
			old[addr][olds[0]]--
		}
		return true
	}
	keeps := make([]bool, len(res.Findings))
	want := map[res2]bool{} // resources of dropped findings about grants (newHolders)
	for i, f := range res.Findings {
		r := res2{owner(f.Range.Filename), f.Resource}
		c := changes[r]
		k := key{f.Rule, string(f.PolicyKind), withoutDocUse(f.Message)}
		keep := true
		switch {
		case c == nil:
		case c.Mode == "data":
			keep = false
			for _, cc := range consumers[r] {
				if cc.Before == nil || !had(res2{r.plan, cc.Address}, k, false) {
					keep = true
					break
				}
			}
		case c.Actions.Create() || c.Actions.Replace():
			if c.Actions.Replace() && had(r, k, true) {
				keep = false
			}
		case c.Actions.Update():
			if had(r, k, true) || narrowedFrom(f, olds[r], denies[r]) {
				keep = false
			}
		default: // no-op, read of a resource
			// Unchanged itself, but what it is linked to may have changed
			// (a new attachment or group membership gives an unchanged
			// user an escalation path; a removed one takes away its MFA
			// guard): new unless it had the finding before.
			keep = !had(r, k, true)
		}
		keeps[i] = keep
		if !keep && holderRules[f.Rule] {
			want[r] = true
		}
	}
	// An old grant that now reaches a new principal (a new group membership
	// or attachment) is new, naming the new holders. The holders are only
	// computed for the resources that need them (a big plan has tens of
	// thousands of policies).
	// By plan and address, as the rest: a holder one plan had before is
	// not another's.
	var afterHolders, beforeHolders map[res2]map[string]holder
	if len(want) > 0 {
		consumed := documentConsumers(model, owner)
		afterHolders = grantHolders(model, consumed, want, owner)
		beforeHolders = grantHolders(bmodel, consumed, want, owner)
	}
	kept := res.Findings[:0]
	for i, f := range res.Findings {
		keep := keeps[i]
		if p := owner(f.Range.Filename); !keep && want[res2{p, f.Resource}] {
			if hs := newHolders(f, p, afterHolders, beforeHolders); len(hs) > 0 {
				had := len(f.Related)
				f, keep = withHolders(f, hs, cwd), true
				for k := had; k < len(f.Related); k++ {
					added = append(added, &f.Related[k].Range)
				}
			}
		}
		if keep {
			kept = append(kept, f)
		}
	}
	res.Findings = kept
	res.Summary.Findings = len(kept)
	return added
}

// srcDirText names a plan's source directory in a sentence: "." (the plan
// beside its .tf files in the current directory) ended it with "in ..".
func srcDirText(dir string) string {
	if dir == "." {
		return "the current directory"
	}
	return dir
}

// docUseRE is the end of the message of a finding of a policy document
// reported on a block that uses it (rules' reportPolicy).
var docUseRE = regexp.MustCompile(` \(policy document [^ ()]+ used by [^ ()]+\)$`)

// withoutDocUse is a finding's message without the policy document that
// brought the grant (docUseRE), for --new-only: the grant is the same
// whether the resource's policy held it before as its own text (the prior
// state, where the text is not linked to the document) or now through the
// document.
func withoutDocUse(msg string) string {
	if !strings.HasSuffix(msg, ")") {
		return msg
	}
	return docUseRE.ReplaceAllString(msg, "")
}

// narrowedFrom reports whether finding f of an updated resource only narrows
// one of the resource's findings before the update (olds): the same rule and
// policy kind (or wildcard-action before a wildcard-service-action), no
// higher severity, no narrowing condition lost, and every value f's message
// quotes ("s3:PutObject", "iam:*", "arn:aws:s3:::acme/*") equal to or
// matched by one the old message quotes in the same place. Fewer actions,
// "*" made "iam:*", a condition added: none is new. A new action, principal
// or resource, a dropped condition, a new rule: new; but any grant of an
// identity policy that granted "*" on every resource before, without a
// condition or a Deny, is a narrowing (everyGrant). (Judged on messages,
// with the values some messages name without quotes quoted first:
// quoteGrants.)
func narrowedFrom(f Finding, olds []Finding, denied bool) bool {
	for _, o := range olds {
		if everyGrant(o) && !denied && f.PolicyKind == iam.Identity && holderRules[f.Rule] {
			// "*" on every resource, unconditionally and with no Deny
			// beside it, held every grant.
			return true
		}
	}
	if moreRE.MatchString(f.Message) {
		return false // "and 3 more": values the message does not show
	}
	if strings.Contains(f.Message, "except") || strings.Contains(f.Message, "NotAction") || strings.Contains(f.Message, "NotResource") {
		return false // fewer exclusions widen a NotAction / NotResource grant
	}
	fmsg := quoteGrants(f.Message)
	ng := quotedGroups(fmsg)
	for _, o := range olds {
		if o.PolicyKind != f.PolicyKind || f.Severity > o.Severity ||
			!(o.Rule == f.Rule || (o.Rule == "wildcard-action" && f.Rule == "wildcard-service-action")) {
			continue
		}
		if conditioned(o.Message) && !conditioned(f.Message) {
			continue // a narrowing condition lost
		}
		omsg := quoteGrants(o.Message)
		if o.Rule == f.Rule && skeleton(omsg) != skeleton(fmsg) {
			continue // what the message says outside quotes changed (an account, a principal)
		}
		og := quotedGroups(omsg)
		if len(og) != len(ng) {
			continue
		}
		covered := true
		for i := range ng {
			for _, t := range ng[i] {
				hit := false
				for _, p := range og[i] {
					if p == t || iam.MatchWildcard(p, t) {
						hit = true
						break
					}
				}
				if !hit {
					covered = false
				}
			}
		}
		if covered {
			return true
		}
	}
	return false
}

// everyGrant reports whether old finding o is an identity policy's grant of
// every action on every resource without a condition: each grant finding of
// the same policy after the update only narrows it (sensitive-data-access on
// "s3:GetObject" is not reported while "*" is there: wildcard-action covers
// it).
func everyGrant(o Finding) bool {
	return o.Rule == "wildcard-action" && o.PolicyKind == iam.Identity &&
		strings.HasPrefix(o.Message, `statement grants every action ("*") on every resource`) &&
		!strings.Contains(o.Message, "narrowed by") && !strings.Contains(o.Message, "except")
}

// quoteGrants quotes the values a message names without quotes, so that
// narrowedFrom compares them like quoted ones: the action a grant comes
// through ("(through *)", and the action itself when it is granted by name:
// "grants iam:PassRole on" is "grants iam:PassRole (through "iam:PassRole")
// on"), the pattern of "every role (...)" and "every resource".
func quoteGrants(msg string) string {
	msg = throughRE.ReplaceAllString(msg, `(through "$1")`)
	msg = everyRoleMsgRE.ReplaceAllString(msg, `every role ("$1")`)
	msg = everyResourceRE.ReplaceAllString(msg, `on "*"$1`)
	if !strings.Contains(msg, "(through ") {
		msg = directGrantRE.ReplaceAllString(msg, `$1$2 (through "$2")$3`)
	}
	return msg
}

var (
	throughRE      = regexp.MustCompile(`\(through ([^"()\s]+)\)`)
	everyRoleMsgRE = regexp.MustCompile(`every role \(([^"()\s]+)\)`)
	// "on every resource" is "*" ("s3:*" on every resource made "s3:*" on
	// "arn:aws:s3:::acme/*" narrows it), unless "except" or "of the
	// service" follow.
	everyResourceRE = regexp.MustCompile(`on every resource($|[,:;]| \()`)
	directGrantRE   = regexp.MustCompile(`^(statement grants )([A-Za-z0-9-]+:[A-Za-z0-9*?]+)( on )`)
)

// conditioned reports whether a message says a condition narrows its grant.
func conditioned(msg string) bool {
	return strings.Contains(msg, "narrowed by") || condNoteRE.MatchString(msg)
}

// quotedGroups returns the quoted values of a message, a group per run of
// them ("a", "b" on every resource ("*") has two: [a b] and [*]).
func quotedGroups(msg string) [][]string {
	var out [][]string
	for _, run := range listSepRE.FindAllString(msg, -1) {
		out = append(out, quoted(run))
	}
	return out
}

var (
	moreRE   = regexp.MustCompile(`,? and \d+ more`)
	narrowRE = regexp.MustCompile(`,? narrowed by .*$`)
	// condNoteRE is the note of privilege-escalation on a path a condition
	// narrows ("(a condition narrows the grant, so severity is lowered ...)").
	condNoteRE = regexp.MustCompile(` \(a condition narrows the [a-z]+[,:] [^)]*\)`)
	listSepRE  = regexp.MustCompile(`(?:"[^"]*"(?:, )?)+`)
)

// skeleton is a message without its quoted values (a list of them is one
// gap), "and N more", the narrowing condition and the word "actions" that a
// list of several brings: what stays is what the message says of the grant.
func skeleton(msg string) string {
	msg = narrowRE.ReplaceAllString(msg, "")
	msg = condNoteRE.ReplaceAllString(msg, "")
	msg = moreRE.ReplaceAllString(msg, "")
	msg = listSepRE.ReplaceAllString(msg, `""`)
	return strings.ReplaceAll(msg, "grants actions ", "grants ")
}

// quoted returns the double-quoted strings of a message.
func quoted(msg string) []string {
	var out []string
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(msg[i+1:], '"')
		if j < 0 {
			return out
		}
		out = append(out, msg[i+1:i+1+j])
		msg = msg[i+j+2:]
	}
}

// unknownPattern returns a pattern that matches msg with each value that
// messages show as unknown ("(known after apply)", "${...}") standing for
// any text, or nil when msg shows none.
func unknownPattern(msg string) *regexp.Regexp {
	const unknown, partial = "(known after apply)", "${...}"
	if !strings.Contains(msg, unknown) && !strings.Contains(msg, partial) {
		return nil
	}
	var b strings.Builder
	b.WriteString("^")
	for rest := msg; rest != ""; {
		i, n := strings.Index(rest, unknown), len(unknown)
		if j := strings.Index(rest, partial); j >= 0 && (i < 0 || j < i) {
			i, n = j, len(partial)
		}
		if i < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:i]))
		b.WriteString(".*")
		rest = rest[i+n:]
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}

// refs calls fn with the address of every data source whose json a value of
// body is.
func refs(n *eval.Node, fn func(string), depth int) {
	if n == nil || depth > 10 {
		return
	}
	if n.RefTo() != nil && (n.RefTo().Attr == "json" || n.RefTo().Attr == "minified_json") {
		fn(n.RefTo().Address)
	}
	for _, c := range n.Kids() {
		refs(c, fn, depth+1)
	}
	for _, e := range n.Elems {
		refs(e, fn, depth+1)
	}
	for _, a := range n.Alts() {
		refs(a, fn, depth+1)
	}
}

// planSecrets replaces the credentials the model found in the text of a
// plan file. The text scan keeps one credential per line, and a terraform
// show -json plan is one line; a plan also repeats each value (planned
// values, the change, the configuration) and holds values that providers
// computed. So the plan's text is scanned again here, and each distinct
// credential is kept once: where the configuration section holds it (what
// the .tf files say) when it does, else where it first appears, on the
// resource whose values hold it. The id of an access key (AKIA... in "id"
// of an existing aws_iam_access_key, and wherever that value is copied) is
// computed, not written: it is dropped. A credential that the .tf source
// (--source) holds is reported there only.
func planSecrets(model *iam.Model, runs []*planRun, sources map[string][]byte) {
	if model == nil || model.Graph == nil {
		return
	}
	byName := map[string]*planRun{}
	for _, r := range runs {
		if r.p != nil {
			byName[r.name] = r
		}
	}
	if len(byName) == 0 {
		return
	}
	var kept []*iam.Secret
	inSource := map[string]bool{} // credentials the .tf files hold
	for _, s := range model.Graph.Secrets {
		if byName[s.Range.Filename] == nil {
			if s.Address == "" {
				s.Address = sourceProvider(runs, s.Range)
			}
			kept = append(kept, s)
			if t := secretText(sources[s.Range.Filename], s.Range); t != "" {
				inSource[t] = true
			}
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		src, p := sources[n], byName[n].p
		hits := extract.ScanSecrets(n, src)
		computed := map[string]bool{}
		for _, h := range hits {
			if isIDValue(src, h.Range.Start.Byte) {
				computed[secretText(src, h.Range)] = true
			}
		}
		cs, ce := p.Configuration.Start.Byte, p.Configuration.End.Byte
		best := map[string]*iam.Secret{}
		var order []string
		for _, h := range hits {
			t := secretText(src, h.Range)
			if t == "" || computed[t] || inSource[t] {
				continue
			}
			k := h.Kind + "\x00" + t
			inConfig := cs <= h.Range.Start.Byte && h.Range.Start.Byte < ce
			if old, ok := best[k]; ok {
				if inConfig && !(cs <= old.Range.Start.Byte && old.Range.Start.Byte < ce) {
					best[k] = h
				}
				continue
			}
			best[k] = h
			order = append(order, k)
		}
		for _, k := range order {
			h := best[k]
			h.Address = planAddress(src[:h.Range.Start.Byte], p, byName[n].facts, cs <= h.Range.Start.Byte && h.Range.Start.Byte < ce)
			kept = append(kept, h)
		}
	}
	// A credential in a variable (its default in the .tf, its value in the
	// plan's variables) belongs to the provider whose configuration reads
	// the variable, as in HCL where the value is followed.
	for _, k := range kept {
		name, ok := strings.CutPrefix(k.Attribute, "variable ")
		if !ok || k.Address != "" {
			continue
		}
		for _, n := range names {
			src, p := sources[n], byName[n].p
			cs, ce := p.Configuration.Start.Byte, p.Configuration.End.Byte
			if r := byName[n]; r.early {
				// Its bytes dropped at the release (earlyDrop).
				src, cs, ce = r.cfgText, 0, len(r.cfgText)
			}
			if cs < 0 || ce > len(src) || cs >= ce {
				continue
			}
			if i := bytes.Index(src[cs:ce], []byte(`"var.`+name+`"`)); i >= 0 {
				if a, ok := providerAddress(src[:cs+i], cs); ok {
					k.Address = a
					break
				}
			}
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i].Range, kept[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	model.Graph.Secrets = kept
}

// sourceProvider returns the address of the provider block of a plan's .tf
// source one of whose attribute values is at rng (a credential found in the
// source's text), or "".
func sourceProvider(runs []*planRun, rng hcl.Range) string {
	within := func(r hcl.Range) bool {
		return r.Filename == rng.Filename && r.Start.Byte <= rng.Start.Byte && rng.End.Byte <= r.End.Byte
	}
	for _, r := range runs {
		for _, b := range r.srcProviders {
			if b.Body == nil {
				continue
			}
			// The block's range is its header: look at its attributes'
			// values (located where written: a variable's default too).
			for _, n := range b.Body.Kids() {
				if n != nil && within(n.Range) {
					return b.Address
				}
			}
		}
	}
	return ""
}

// secretText returns the text of a credential at rng of src (without the
// quotes of a value's range), or "".
func secretText(src []byte, rng hcl.Range) string {
	start, end := rng.Start.Byte, rng.End.Byte
	if start < 0 || end > len(src) || end <= start {
		return ""
	}
	return string(bytes.Trim(src[start:end], `"`))
}

// isIDValue reports whether the JSON string whose text starts at off of src
// is the value of an "id" member: computed by the provider, never written.
func isIDValue(src []byte, off int) bool {
	i := off - 1
	if i < 0 || src[i] != '"' {
		return false
	}
	i--
	for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i--
	}
	if i < 0 || src[i] != ':' {
		return false
	}
	i--
	for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i--
	}
	return i >= 3 && string(src[i-3:i+1]) == `"id"`
}

// providerAddress returns the address (provider.aws, provider.aws.backup) of
// the provider configuration whose expressions hold the end of before, when
// it lies in the configuration section's provider_config (which comes before
// root_module): its last "name" and, after it, "alias".
func providerAddress(before []byte, cs int) (string, bool) {
	if cs < 0 || cs > len(before) {
		return "", false
	}
	cfg := before[cs:]
	pc := bytes.Index(cfg, []byte(`"provider_config":`))
	if pc < 0 || bytes.Contains(cfg[pc:], []byte(`"root_module":`)) {
		return "", false
	}
	in := cfg[pc:]
	str := func(key string) string {
		k := bytes.LastIndex(in, []byte(`"`+key+`":`))
		if k < 0 {
			return ""
		}
		rest := bytes.TrimLeft(in[k+len(key)+3:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' {
			return ""
		}
		if j := bytes.IndexByte(rest[1:], '"'); j >= 0 {
			in = in[k:]
			return string(rest[1 : 1+j])
		}
		return ""
	}
	name := str("name")
	if name == "" {
		return "", false
	}
	addr := "provider." + name
	if alias := str("alias"); alias != "" {
		addr += "." + alias
	}
	return addr, true
}

// planAddress returns the address of the resource instance whose values
// hold the end of before (the plan text up to a credential): the last
// "address" member before it when it names a change of the plan. In the
// configuration section (inConfig) addresses are relative to their module:
// only those of the root module are taken, and not past the root module's
// module_calls or a variable's default.
//
// facts, when not nil, stands for p.Changes (released: releaseBeforeMerge).
func planAddress(before []byte, p *plan.Plan, facts map[string]changeFact, inConfig bool) string {
	if inConfig {
		if a, ok := providerAddress(before, p.Configuration.Start.Byte); ok {
			return a
		}
	}
	i := bytes.LastIndex(before, []byte(`"address":`))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(before[i+len(`"address":`):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return ""
	}
	rest = rest[1:]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	if inConfig {
		cfg := before[p.Configuration.Start.Byte:]
		if bytes.Contains(cfg, []byte(`"module_calls":`)) || bytes.Contains(rest, []byte(`"default":`)) || i < p.Configuration.Start.Byte {
			return ""
		}
	}
	addr := string(rest[:j])
	if facts != nil {
		if f, ok := facts[addr]; ok && (!inConfig || f.root) {
			return addr
		}
		return ""
	}
	for _, c := range p.Changes {
		if c.Address == addr && (!inConfig || c.Module == "") {
			return addr
		}
	}
	return ""
}

// mismatchCount counts the source blocks that do not match a plan.
func mismatchCount(n int) string {
	if n == 1 {
		return "1 block"
	}
	return fmt.Sprintf("%d blocks", n)
}
