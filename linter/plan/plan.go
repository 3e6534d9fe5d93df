package plan

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/internal/tfaddr"
	"github.com/iamlint/iamlint/linter/eval"
)

// Options controls Load.
type Options struct {
	// SkipBefore leaves Plan.Before nil (saves time and memory when the caller
	// does not compare with the prior state, i.e. without --new-only).
	SkipBefore bool
	// BeforeResourcesOnly builds Plan.Before only for managed resources
	// (what --new-only compares: an unchanged user may gain an escalation
	// path from a new attachment, so unchanged resources count too; their
	// bodies are shared with After). Data sources are left out: a policy
	// document's findings are judged through the resources that consume it.
	BeforeResourcesOnly bool
	// Relevant, when set with SkipBefore, says which blocks (by mode and
	// type) the caller reads the values of; the others are in After
	// without them (a nil Body), which saves building most of a big plan
	// whose resources are mostly not IAM. The JSON is still checked.
	Relevant func(mode, typ string) bool
	// Unread, when set with SkipBefore, names the attributes of a block
	// body (its top level) whose values the caller never reads (tags):
	// they are left out of the body (its Val, Attrs and Keys) as if the
	// plan did not have them, known or unknown. A plan's IAM resources
	// carry tags and tags_all (the provider's default_tags) on most of
	// them, an object each that no extraction reads. The JSON is still
	// checked.
	Unread func(attr string) bool
	// DeriveUnknown, when set with SkipBefore, gives the unknown
	// attributes that Terraform leaves out of after (after_unknown names
	// them) no member Node of their own: they are in the body's Val
	// (cty.DynamicVal) only, and eval.Node.Get derives them at the body's
	// range, the Node the body shared among them otherwise (a Node and
	// its member slots for every resource of a big plan: its arn, id and
	// the like). For a caller that reads attributes with Get (or GetVal),
	// not with Attr, Lookup or Kids.
	DeriveUnknown bool
	// UnreadOf, when set with SkipBefore, may name for a managed resource
	// of type typ the attributes of its body left out instead of Unread's
	// (nil: Unread's): a resource whose only value the caller reads is a
	// policy (an S3 bucket, an SQS queue) is built without the others, as
	// if the plan did not have them. The JSON is still checked.
	UnreadOf func(typ string) func(attr string) bool
	// Lazy, with SkipBefore, leaves the values of the managed resources
	// of resource_changes and deferred_changes unbuilt: their blocks are
	// in After with a nil Body until Plan.Stream builds them, a chunk at
	// a time, so that a caller that reads them chunk by chunk never holds
	// the values of the whole plan.
	Lazy bool
	// CopyStrings makes the plan's strings copies, none sharing src's
	// bytes (Load's caller may then drop them: Plan.UseWindows).
	CopyStrings bool
}

// Where a block's values came from.
const (
	FromResourceChanges = "resource_changes"
	FromPlannedValues   = "planned_values" // a resource absent from resource_changes
	FromPriorState      = "prior_state"    // e.g. a data source read during planning
	// FromDeferredChanges is a change left to a later plan (Terraform 1.9+
	// -allow-deferral): its values are partial (unknown where the plan does
	// not know them, all of them when it shows no after value).
	FromDeferredChanges = "deferred_changes"
)

// Plan is a loaded Terraform plan.
type Plan struct {
	FormatVersion    string
	TerraformVersion string

	// After is what the plan leads to: every resource that is created, updated,
	// replaced or left unchanged (no-op), data sources read during planning
	// (prior_state) or deferred to apply (action "read"), and the changes a
	// plan made with -allow-deferral leaves to a later plan (deferred_changes,
	// with what the plan knows of them). Deleted and forgotten objects and
	// deposed objects are not in After.
	//
	// After.Diags holds warnings about the plan itself ("incomplete plan" when
	// it says errored: true or complete: false; a "Change deferred" notice
	// per element of deferred_changes).
	After *eval.Result
	// Before is the state before the plan: the before value of each change and
	// the prior_state resources not in resource_changes. Nil with SkipBefore.
	Before *eval.Result

	// Changes lists every resource instance in the plan, in plan order
	// (resource_changes, then deferred_changes not in resource_changes, then
	// instances only in planned_values or prior_state).
	Changes []*Change

	// Variables holds the root module input variables (variables.NAME.value).
	Variables map[string]*eval.Node

	// Sensitive holds the byte ranges [start, end) of the plan file that
	// hold values the plan marks sensitive (change.after_sensitive,
	// sensitive_values): a report never prints them. Sorted by start.
	Sensitive [][2]int

	// SensitiveVariables names the root module variables the configuration
	// declares sensitive: their values (in Variables) are never printed.
	SensitiveVariables []string

	// Configuration is where the configuration section is in the plan file
	// (zero when the plan has none): what the .tf files say, literals
	// included, as opposed to values computed by providers.
	Configuration hcl.Range

	byBlock map[*eval.Block]*Change
	lazy    *lazyBodies // Options.Lazy: the bodies Stream builds
}

// Change is the planned change of one resource instance.
type Change struct {
	Address       string // module.a.aws_iam_policy.p["x"]
	Module        string // "" for the root module, module.a.module.b["k"]
	Mode          string // "resource" or "data"
	Type, Name    string
	Actions       tfjson.Actions // ["create"], ["delete","create"], ["no-op"], ["read"], ...
	Source        string         // FromResourceChanges, FromPlannedValues, FromPriorState or FromDeferredChanges
	Range         hcl.Range      // the "address" member of the change in the plan file
	After, Before *eval.Block

	// rare holds what few changes have (PreviousAddress, Deposed,
	// ActionReason): nil for most. As fields they made a Change 256
	// bytes, 224 without (a plan of 1,000,000 resources has as many).
	rare *changeRare

	// Configured holds the names of the attributes and nested blocks that
	// the resource's configuration sets (the expressions of the plan's
	// configuration section; shared by the instances of one resource, read
	// only). Nil when the plan has no configuration for the resource. An
	// attribute unknown in After that the configuration does not set is
	// computed by the provider (a role's inline_policy when it has no
	// inline_policy block): it holds no policy anyone wrote.
	Configured map[string]bool
}

// changeRare is what few changes have (Change.rare).
type changeRare struct{ previousAddress, deposed, actionReason string }

// PreviousAddress is the address of the instance before it was moved ("" when it was not).
func (c *Change) PreviousAddress() string {
	if c.rare == nil {
		return ""
	}
	return c.rare.previousAddress
}

// Deposed is the deposed object key, when this change is for a deposed object.
func (c *Change) Deposed() string {
	if c.rare == nil {
		return ""
	}
	return c.rare.deposed
}

// ActionReason is the change's action_reason ("" when it has none).
func (c *Change) ActionReason() string {
	if c.rare == nil {
		return ""
	}
	return c.rare.actionReason
}

// setRare sets what few changes have, leaving rare nil when all are "".
func (c *Change) setRare(previousAddress, deposed, actionReason string) {
	if previousAddress != "" || deposed != "" || actionReason != "" {
		c.rare = &changeRare{previousAddress, deposed, actionReason}
	} else {
		c.rare = nil
	}
}

// Change returns the change of a block of p.After or p.Before, or nil.
func (p *Plan) Change(b *eval.Block) *Change {
	if p == nil {
		return nil
	}
	return p.byBlock[b]
}

// ReleaseChanges drops Changes (and what Change answers) when the caller
// has read them: on a big plan they are tens of megabytes that the rest of
// a run need not keep. The blocks of After and Before stay.
func (p *Plan) ReleaseChanges() {
	if p != nil {
		p.Changes, p.byBlock = nil, nil
	}
}

// inAfter reports whether a change with these actions leaves an object behind.
func inAfter(a tfjson.Actions) bool {
	if len(a) == 0 {
		return true
	}
	if a.Forget() {
		return false
	}
	return !(len(a) == 1 && a[0] == tfjson.ActionDelete)
}

// IsPlan reports whether src looks like a Terraform JSON plan: a JSON object
// with a string format_version and planned_values or resource_changes. It
// skips over member values without decoding them and stops as soon as it
// knows; a file that is truncated after those members still counts as a plan
// (Load then reports the error).
func IsPlan(src []byte) (ok bool) {
	s := &scanner{src: src}
	defer func() {
		if r := recover(); r != nil {
			if _, isSyntax := r.(syntaxError); !isSyntax {
				panic(r)
			}
		}
	}()
	i := s.ws(skipBOM(src))
	if i >= len(src) || src[i] != '{' {
		return false
	}
	var hasVersion, hasPlan bool
	type done struct{}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, d := r.(done); !d {
					panic(r)
				}
			}
		}()
		s.object(i, func(k string, _, _, v int) int {
			switch k {
			case "format_version":
				hasVersion = v < len(src) && src[v] == '"'
			case "planned_values", "resource_changes":
				hasPlan = true
			}
			if hasVersion && hasPlan {
				panic(done{})
			}
			return s.skip(v)
		})
	}()
	return hasVersion && hasPlan
}

// FormatVersionNotString is the Extra of Load's error for a plan whose
// format_version is not a string (a number: "format_version": 1.2).
type FormatVersionNotString struct{}

// jsonKind describes the JSON value text v (valid JSON): a short number
// as itself, anything else by its kind.
func jsonKind(v []byte) string {
	switch c := v[0]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '"':
		return "a string"
	case len(v) <= 20:
		return "the number " + string(v)
	}
	return "a number"
}

func skipBOM(src []byte) int {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return 3
	}
	return 0
}

// Load reads the plan src; name is used in ranges ("<stdin>" for standard input).
// On error the returned plan is nil and the diagnostics (DiagError, with a
// Subject range in name) say where the JSON is wrong: "invalid plan JSON" with
// the byte offset and line:column, "not a Terraform plan", or "unsupported plan
// format version" (checked with terraform-json's Plan.Validate, >= 0.1, < 2.0).
//
// Strings without escapes share src's bytes (unless Options.CopyStrings) and
// Result.Sources holds src, so the caller must not modify src afterwards.
// Load never panics on bad input.
func Load(name string, src []byte, opts Options) (p *Plan, diags hcl.Diagnostics) {
	if h := HeadOf(src); h.NotObject() && headFirst {
		// Said before the table of lines is made.
		return nil, hcl.Diagnostics{h.Diag(name)}
	}
	s := newScanner(name, src)
	s.types = newTypeCache()
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(syntaxError)
			if !ok {
				panic(r)
			}
			p = nil
			diags = append(diags, s.syntaxDiag(se))
		}
	}()
	l := &loader{s: s, opts: opts}
	if opts.CopyStrings {
		s.copies = &strCache{}
	}
	s.unread = l.unread()
	s.derive = l.opts.SkipBefore && l.opts.DeriveUnknown
	return l.load()
}

// headFirst makes Load check the Head first (false in the test that
// compares its error with the scanner's).
var headFirst = true

func (s *scanner) syntaxDiag(se syntaxError) *hcl.Diagnostic {
	if se.shape() {
		if d, ok := s.shapeDiag(se); ok {
			return d
		}
	}
	off := se.off - s.base // in src
	end := off + 1
	if end > len(s.src) {
		end = len(s.src)
	}
	r := s.rng(off, end)
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "invalid plan JSON",
		Detail: fmt.Sprintf("%s at byte offset %d (line %d, column %d) of %s.",
			se.msg, se.off, r.Start.Line, textpos.Column(s.src, off), s.name),
		Subject: &r,
	}
}

type loader struct {
	s    *scanner
	opts Options
	p    *Plan
	seen *seenIndex // the changes by instance (nil until seenChange makes it)

	after, before    *eval.Result
	afterMod, befMod map[string]*eval.Module
	pending          []pendingRes            // planned_values and prior_state resources, resolved after resource_changes
	pendingPaths     []string                // the module paths of pending (pendingRes.path)
	pendingDeposed   map[int]string          // the deposed keys of pending, by index (pendingRes.deposed)
	jobs             []jobRef                // resource_changes whose bodies are still to build, or whose blocks are still to make (bodies.go)
	jobChunk         []bodyJob               // where the jobs are allocated, a chunk at a time
	pipe             *bodyPipe               // builds jobs while the pass reads on (big plans)
	actions          tfjson.Actions          // where resourceChange reads a change's actions (reused)
	afterMembers     []keyOff                // where readChange and stateRecord record the members of a value (reused)
	sensKeys         []keyOff                // where markSensitive gathers the marked members (reused)
	deferredAt       [][2]int                // offset and scanner depth of each element of deferred_changes
	noChange         hcl.Diagnostics         // the notices of the resource changes without a change object
	changesAt        [][2]int                // offset and scanner depth of each resource_changes array
	stateMarks       []stateMark             // the resources of planned_values and prior_state that mark a value sensitive
	dupDiags         hcl.Diagnostics         // the notices of duplicate keys (dupkeys.go: addDup)
	jobDups          jobDupSet               // those of the values of the jobs built, until taken
	keys             map[string]struct{}     // the keys of the object at keysObj (sortedDup)
	keysObj          int                     // the offset of the object whose keys are in keys (0: none)
	addrDups         map[addrDupKey]*addrDup // the addresses listed more than once (dupaddr.go)
	addrDupList      []*addrDup              // the same, in plan order
	badMarks         []badMark               // the sensitivity marks of the wrong type (at most maxBadMarks; badMarkAt)
	moreBadMarks     bool                    // more than maxBadMarks of them
}

// stateMark is a resource of planned_values or prior_state whose
// sensitive_values (at sens) mark something: the same marks hold for the
// values of its change in resource_changes (crossMark).
type stateMark struct {
	key   instanceKey
	sens  int
	prior bool // of prior_state: the marks of the change's before value
}

// instanceKey identifies a resource instance object: its address and, for
// a deposed object, its deposed key.
type instanceKey struct{ address, deposed string }

// stateRes is a resource of planned_values or prior_state, read after the
// whole plan so that resource_changes (wherever it is) takes precedence.
type stateRes struct {
	source, path, address, deposed string
	obj, values                    int // offsets of the resource object and of its values (-1 when absent or null)
}

// pendingRes is a stateRes as loader.pending holds it, until the pass is
// over (stateRes at 80 bytes was 80 MB for a plan of 1,000,000 resources,
// which planned_values lists besides resource_changes): its module path
// and deposed key are beside it (loader.pendingPaths, pendingDeposed).
type pendingRes struct {
	address     string
	obj, values int
	path        int32 // the index of its module path in loader.pendingPaths
	prior       bool  // from prior_state (else planned_values)
	deposed     bool  // it has a deposed key (loader.pendingDeposed)
}

// addPending records r (after the pass, stateRes gives it back).
func (l *loader) addPending(r *stateRes) {
	p := pendingRes{address: r.address, obj: r.obj, values: r.values, prior: r.source == FromPriorState, deposed: r.deposed != ""}
	if n := len(l.pendingPaths); n == 0 || l.pendingPaths[n-1] != r.path {
		l.pendingPaths = append(l.pendingPaths, r.path)
	}
	p.path = int32(len(l.pendingPaths) - 1)
	if p.deposed {
		if l.pendingDeposed == nil {
			l.pendingDeposed = map[int]string{}
		}
		l.pendingDeposed[len(l.pending)] = r.deposed
	}
	l.pending = append(l.pending, p)
}

// dropPending forgets the resources of planned_values (prior false) or of
// prior_state (prior true) recorded so far: the object that held them
// (planned_values, prior_state, its values or their root_module) is given
// again, and the last one counts, not both joined. Their sensitive marks
// (stateMarks, Sensitive) stay: the text is in the file.
func (l *loader) dropPending(prior bool) {
	kept := l.pending[:0]
	var deposed map[int]string
	for i, p := range l.pending {
		if p.prior == prior {
			continue
		}
		if p.deposed {
			if deposed == nil {
				deposed = map[int]string{}
			}
			deposed[len(kept)] = l.pendingDeposed[i]
		}
		kept = append(kept, p)
	}
	clear(l.pending[len(kept):])
	l.pending, l.pendingDeposed = kept, deposed
}

// dropChanges forgets the changes of resource_changes read so far: the
// key is given again, and the last array counts, not both joined. (The
// pass has read no other change yet.) Their sensitive ranges stay: the
// text is in the file.
func (l *loader) dropChanges() {
	clear(l.p.Changes)
	l.p.Changes = l.p.Changes[:0]
	clear(l.jobs)
	l.jobs = l.jobs[:0]
	l.noChange = nil
	l.seen = nil
}

// stateRes returns the resource that addPending recorded at i of pending.
func (l *loader) stateRes(i int) *stateRes {
	p := &l.pending[i]
	r := &stateRes{source: FromPlannedValues, path: l.pendingPaths[p.path], address: p.address, obj: p.obj, values: p.values}
	if p.prior {
		r.source = FromPriorState
	}
	if p.deposed {
		r.deposed = l.pendingDeposed[i]
	}
	return r
}

// withIndex returns addr with the instance key of the "index" member at v
// (-1 when absent): Terraform 0.12 wrote each instance of a resource with
// count or for_each in planned_values and prior_state under the resource's
// address, without its key, and the key as "index" (aws_iam_policy.p and
// 1 for aws_iam_policy.p[1], as its resource_changes name it). Without it
// the instances were one: only the first was read, the policies of the
// others unlinted. An address with a key already, or an index that is not
// a number or a string, is kept as it is.
func (l *loader) withIndex(addr string, v int) string {
	if v < 0 || strings.HasSuffix(addr, "]") {
		return addr
	}
	s := l.s
	switch c := s.at(v); {
	case c == '"' || c == '-' || c >= '0' && c <= '9':
		return addr + "[" + string(s.src[v:s.skip(v)]) + "]"
	}
	return addr
}

// fullAddress returns r's address from the root module.
func (r *stateRes) fullAddress() string {
	if addressHasPath(r.path, r.address) {
		return r.address
	}
	// Terraform 0.12 wrote module-relative addresses in child modules of prior_state.
	return r.path + "." + r.address
}

// addressHasPath reports whether address, of a resource in the module at
// path, is already its full address (it starts with path; or path is the
// root module's, "").
func addressHasPath(path, address string) bool {
	return path == "" || len(address) > len(path) && address[len(path)] == '.' && strings.HasPrefix(address, path)
}

func newResult(name string, src []byte) *eval.Result {
	return &eval.Result{
		Modules: []*eval.Module{{Path: ""}},
		Sources: map[string][]byte{name: src},
		Files:   []string{name},
	}
}

func (l *loader) load() (*Plan, hcl.Diagnostics) {
	s := l.s
	p := &Plan{byBlock: map[*eval.Block]*Change{}}
	l.p = p
	l.after = newResult(s.name, s.src)
	l.afterMod = map[string]*eval.Module{"": l.after.Modules[0]}
	if !l.opts.SkipBefore {
		l.before = newResult(s.name, s.src)
		l.befMod = map[string]*eval.Module{"": l.before.Modules[0]}
	}
	formatOff, tfvOff, configOff := -1, -1, -1
	var warnings hcl.Diagnostics
	hasPlan := false
	i := s.ws(skipBOM(s.src))
	if i >= len(s.src) {
		s.fail(i, "empty input, expected a JSON object")
	}
	if s.src[i] != '{' {
		// Said as HeadOf says it (Load says that first).
		s.fail(i, "%s, expected an object", s.describe(i))
	}
	objStart := i
	if l.opts.Lazy && l.opts.SkipBefore {
		l.p.lazy = &lazyBodies{l: l, jobs: map[*eval.Block]*bodyJob{}, refs: map[*Change]map[string][]string{}}
	} else if len(s.src) >= minPipelineSize {
		l.startPipe() // stopped by buildBodies, which every way out of the pass reaches
	}
	// One pass: resource_changes are recorded as they are read, and their
	// values built after it (on every CPU, bodies.go); planned_values and
	// prior_state resources are recorded (their values skipped) and resolved after.
	topKeys := map[string]struct{}{}
	i = l.pass(func() int {
		return s.object(i, func(k string, ks, ke, v int) int {
			_, dup := topKeys[k]
			if dup {
				l.dupKey(ks, ke, k)
			}
			topKeys[k] = struct{}{}
			switch k {
			case "format_version":
				formatOff = v
			case "terraform_version":
				tfvOff = v
			case "errored", "complete":
				// Terraform 1.8+: an errored or incomplete plan (-target, deferred
				// changes) does not show everything that apply will do.
				// Anything but a boolean (or null) lost the notice
				// silently ("errored": "true").
				if c := s.at(v); c != 't' && c != 'f' && !s.isNull(v) {
					s.failType(v, "a boolean")
				}
				if (k == "errored" && s.at(v) == 't') || (k == "complete" && s.at(v) == 'f') {
					e := s.skip(v)
					r := s.rng(v, e)
					warnings = append(warnings, &hcl.Diagnostic{
						Severity: hcl.DiagWarning,
						Summary:  "incomplete plan",
						Detail:   fmt.Sprintf("The plan says %q is %s: it may not include every change that apply would make.", k, s.src[v:e]),
						Subject:  &r,
					})
					return e
				}
			case "deferred_changes":
				// Terraform 1.9+ (-allow-deferral): changes left to a later
				// plan, with partial values. They are read after the pass,
				// so that resource_changes (wherever it is) takes precedence.
				// Anything but an array or null is an error, like a
				// resource_changes of the wrong type (was skipped silently).
				l.expect(v, '[', "an array of deferred changes")
				l.deferredAt = l.deferredAt[:0] // the last array, when given twice
				if s.at(v) != '[' {
					return s.skip(v)
				}
				return s.array(v, func(e int) int {
					l.deferredAt = append(l.deferredAt, [2]int{e, s.depth})
					return s.skip(e)
				})
			case "configuration":
				// Read after the pass (config.go); anything but an object
				// (or null) was skipped silently, and with it what each
				// resource sets and references.
				l.expect(v, '{', "an object")
				configOff = v
			case "output_changes":
				// Not linted, but in the file: a finding's excerpt (the
				// text report quotes up to 80 bytes each side of a column
				// of a one-line plan) may reach a sensitive output's
				// value, and its strings are hidden in every message.
				// Of the wrong type, it was skipped silently, and with it
				// its marks of sensitive values.
				l.expect(v, '{', "an object of output changes")
				if s.at(v) == '{' {
					return s.object(v, func(_ string, _, _, c int) int {
						l.expect(c, '{', "a change object")
						return l.markChangeValues(c)
					})
				}
			case "resource_drift":
				// Likewise (its elements are resource changes).
				l.expect(v, '[', "an array of resource changes")
				if s.at(v) == '[' {
					return s.array(v, func(e int) int {
						if s.at(e) != '{' {
							s.failType(e, "a resource change object")
						}
						return s.object(e, func(k string, _, _, c int) int {
							if k != "change" {
								return s.skip(c)
							}
							l.expect(c, '{', "a change object")
							return l.markChangeValues(c)
						})
					})
				}
			case "variables":
				if s.at(v) == '{' {
					return l.variables(v)
				}
				l.expect(v, '{', "an object of input variables")
			case "planned_values":
				hasPlan = true
				l.expect(v, '{', "an object")
				if dup {
					l.dropPending(false) // the last object counts
				}
				if s.at(v) == '{' {
					var seen keyBits
					return s.object(v, func(k string, ks, ke, v int) int {
						if seen.see(l, stateKeyBit(k), ks, ke, k) && k == "root_module" {
							l.dropPending(false)
						}
						if k == "outputs" {
							return l.markOutputs(v)
						}
						if k != "root_module" || s.isNull(v) {
							return s.skip(v)
						}
						l.expect(v, '{', "a module object")
						return l.stateModule(v, "", FromPlannedValues)
					})
				}
			case "resource_changes":
				hasPlan = true
				l.expect(v, '[', "an array of resource changes")
				if dup {
					l.dropChanges() // the last array counts
				}
				if s.at(v) == '[' {
					l.changesAt = append(l.changesAt, [2]int{v, s.depth})
					return l.changes(v)
				}
			case "prior_state":
				l.expect(v, '{', "an object")
				if dup {
					l.dropPending(true) // the last object counts
				}
				if s.at(v) == '{' {
					var seen keyBits
					return s.object(v, func(k string, ks, ke, v int) int {
						if seen.see(l, stateKeyBit(k), ks, ke, k) && k == "values" {
							l.dropPending(true)
						}
						if k != "values" || s.isNull(v) {
							return s.skip(v)
						}
						l.expect(v, '{', "an object")
						var seen2 keyBits
						return s.object(v, func(k2 string, ks, ke, v2 int) int {
							if seen2.see(l, stateKeyBit(k2), ks, ke, k2) && k2 == "root_module" {
								l.dropPending(true)
							}
							if k2 == "outputs" {
								return l.markOutputs(v2)
							}
							if k2 != "root_module" || s.isNull(v2) {
								return s.skip(v2)
							}
							l.expect(v2, '{', "a module object")
							return l.stateModule(v2, "", FromPriorState)
						})
					})
				}
			}
			return s.skip(v)
		})
	})
	if i = s.ws(i); i < len(s.src) {
		l.buildBodies() // an error in a value before i comes first
		s.fail(i, "%s after the top-level object", s.describe(i))
	}
	warnings = append(warnings, l.noChange...)
	if l.seen == nil {
		// Made for every plan: it finds the instances listed twice.
		l.indexChanges()
	}
	nNoChange := len(l.noChange)
	l.pass(func() int {
		warnings = append(warnings, l.deferredChanges()...)
		return 0
	})
	warnings = append(warnings, l.noChange[nNoChange:]...) // newChange's, of deferred_changes
	l.buildBodies()
	whole := s.rng(objStart, objStart+1)
	if formatOff >= 0 && s.at(formatOff) != '"' {
		e := s.skip(formatOff)
		r := s.rng(formatOff, e)
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "not a Terraform plan",
			Detail:   fmt.Sprintf("format_version is %s, not a string; terraform show -json writes a string (\"format_version\": \"1.2\").", jsonKind(s.src[formatOff:e])),
			Subject:  &r,
			Extra:    FormatVersionNotString{},
		}}
	}
	if formatOff < 0 {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "not a Terraform plan",
			Detail:   "The JSON object has no format_version string; expected the output of `terraform show -json PLANFILE`.",
			Subject:  &whole,
		}}
	}
	if !hasPlan {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "not a Terraform plan",
			Detail:   "The JSON object has neither planned_values nor resource_changes (a state file or another JSON document?); expected the output of `terraform show -json PLANFILE`.",
			Subject:  &whole,
		}}
	}
	var fvEnd int
	p.FormatVersion, fvEnd = s.str(formatOff)
	if err := (&tfjson.Plan{FormatVersion: p.FormatVersion}).Validate(); err != nil {
		r := s.rng(formatOff, fvEnd)
		detail := fmt.Sprintf("%s (terraform-json accepts %s).",
			strings.TrimPrefix(err.Error(), "unsupported plan format version: "), tfjson.PlanFormatVersionConstraints)
		if v, verr := version.NewVersion(p.FormatVersion); verr == nil && v.Segments()[0] >= 2 {
			// Said as the plan writes it ("2.0", not "2.0.0"), and why
			// it is not read: a plan gate must not pass a plan it
			// cannot read.
			detail = fmt.Sprintf("format_version %q is a major version newer than iamlint reads (%s: the 1.x formats of Terraform and OpenTofu). A new major version may change what the plan's fields mean, so the plan is not linted: use an iamlint release that reads it.",
				p.FormatVersion, tfjson.PlanFormatVersionConstraints)
		}
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "unsupported plan format version",
			Detail:   detail,
			Subject:  &r,
		}}
	}
	if tfvOff >= 0 && s.at(tfvOff) == '"' {
		p.TerraformVersion, _ = s.str(tfvOff)
	}
	dupPending := l.dupPending()
	for i := range l.pending {
		if !l.pending[i].prior {
			r := l.stateRes(i)
			if d := l.typeMismatch(r); d != nil {
				warnings = append(warnings, d)
			}
			l.stateResource(r, dupPending[i])
		}
	}
	for i := range l.pending {
		if l.pending[i].prior {
			l.stateResource(l.stateRes(i), dupPending[i])
		}
	}
	warnings = append(warnings, l.dupAddrDiags()...)
	l.pending, l.pendingPaths, l.pendingDeposed = nil, nil, nil
	l.crossMark()
	warnings = append(warnings, l.markDiags()...)
	if configOff >= 0 && s.at(configOff) == '{' {
		l.configured(configOff)
		p.Configuration = s.rng(configOff, s.skip(configOff))
	}
	// The values of the variables the configuration declares sensitive
	// are sensitive too: a policy linted from the .tf source with one has
	// its finding there, in the plan's variables section.
	for _, name := range p.SensitiveVariables {
		if n := p.Variables[name]; n != nil && n.Range.End.Byte > n.Range.Start.Byte {
			p.Sensitive = append(p.Sensitive, [2]int{n.Range.Start.Byte, n.Range.End.Byte})
		}
	}
	l.dropUnread()
	// The duplicate keys of the values this scanner built (variables, the
	// resources of planned_values and prior_state) come after those of
	// the pass and of the changes' values.
	for _, d := range s.dups {
		l.addDup(d)
	}
	s.dups = nil
	warnings = append(warnings, l.dupDiags...)
	p.Sensitive = Disjoint(p.Sensitive)
	if dl := linkDocuments(l.after); p.lazy != nil {
		p.lazy.links = dl
	}
	l.after.Diags = append(l.after.Diags, warnings...)
	p.After = l.after
	p.Before = l.before
	// A lazy plan keeps its loader for Stream, which reads none of these
	// (nor adds jobs: the jobs' last chunk is held by the jobs it holds,
	// not by the loader, so that ReleaseRead can drop them all).
	l.seen, l.afterMod, l.befMod, l.actions, l.afterMembers, l.sensKeys = nil, nil, nil, nil, nil, nil
	l.jobChunk = nil
	return p, nil
}

func (l *loader) variables(i int) int {
	s := l.s
	l.p.Variables = map[string]*eval.Node{}
	return s.object(i, func(k string, ks, ke, v int) int {
		if _, dup := l.p.Variables[k]; dup {
			l.dupKey(ks, ke, k)
		}
		// {"value": ...}; anything else was skipped silently, and the
		// source of the plan evaluated without the variable's value.
		l.expect(v, '{', "an object with the variable's value")
		if s.at(v) != '{' {
			return s.skip(v)
		}
		value := false
		return s.object(v, func(k2 string, ks, ke, v2 int) int {
			if k2 != "value" {
				return s.skip(v2)
			}
			if value {
				l.dupKey(ks, ke, k2)
			}
			value = true
			n, e := s.node(v2, nil, 1)
			n.SetNameRange(s.rng(ks, ke))
			l.p.Variables[k] = n
			return e
		})
	})
}

// module returns the module of res at path, creating it.
func module(res *eval.Result, mods map[string]*eval.Module, path string) *eval.Module {
	if m := mods[path]; m != nil {
		return m
	}
	m := &eval.Module{Path: path}
	mods[path] = m
	res.Modules = append(res.Modules, m)
	return m
}

func blockMode(mode string) string {
	if mode == string(tfjson.DataResourceMode) {
		return "data"
	}
	return "resource"
}

// fields holds the string members of a resource object.
type fields struct {
	address, previous, module, mode, typ, name, deposed, reason string
	addrStart, addrEnd                                          int
	addrVal                                                     int // the offset of the address's value
	hasAddress                                                  bool
}

// unset forgets the member k (a key given twice, the last time not as a
// string).
func (f *fields) unset(k string) {
	switch k {
	case "address":
		f.address, f.addrStart, f.addrEnd, f.addrVal, f.hasAddress = "", 0, 0, 0, false
	case "previous_address":
		f.previous = ""
	case "module_address":
		f.module = ""
	case "mode":
		f.mode = ""
	case "type":
		f.typ = ""
	case "name":
		f.name = ""
	case "deposed", "deposed_key":
		f.deposed = ""
	case "action_reason":
		f.reason = ""
	}
}

// field records the string member k at v; it returns the end of the value.
func (l *loader) field(f *fields, k string, ks, v int) int {
	s := l.s
	if s.at(v) != '"' {
		switch k {
		case "address", "mode", "type", "name":
			// What the change is: Terraform writes a string (a number
			// here was a change of no type, or of no address).
			if !s.isNull(v) {
				s.failType(v, "a string")
			}
		}
		f.unset(k) // a string given before (a duplicate key): the last value counts
		return s.skip(v)
	}
	switch k {
	case "address", "previous_address", "module_address", "mode", "type", "name", "deposed", "deposed_key", "action_reason":
	default:
		return s.skipString(v) // provider_name, ...: not kept
	}
	if k == "module_address" && f.hasAddress {
		if m, e, ok := l.modulePrefix(f, v); ok {
			f.module = m
			return e
		}
	}
	str, e := s.str(v)
	switch k {
	case "address":
		f.address, f.addrStart, f.addrEnd, f.addrVal, f.hasAddress = str, ks, e, v, true
	case "previous_address":
		f.previous = str
	case "module_address":
		f.module = str
	case "mode":
		f.mode = str
	case "type":
		f.typ = str
	case "name":
		f.name = str
	case "deposed", "deposed_key":
		f.deposed = str
	case "action_reason":
		f.reason = str
	}
	return e
}

// modulePrefix returns, when the string at v (a module_address) is written
// as the start of f's address up to a '.', that part of the address read
// already, and the end of the string: the module of an instance with
// for_each keys has escapes (module.a["k"]), and decoding it again made a
// copy newChange dropped (a string a change on a big plan). ok is false
// for a string written otherwise, or with escapes other than one-byte ones
// or bytes that are not ASCII (then decoded as usual).
func (l *loader) modulePrefix(f *fields, v int) (string, int, bool) {
	s := l.s
	e := s.skipString(v)
	raw := s.src[v+1 : e-1]
	addr := s.src[f.addrVal+1:]
	if len(raw) >= len(addr) || addr[len(raw)] != '.' || !bytes.HasPrefix(addr, raw) {
		return "", 0, false
	}
	n := len(raw) // the decoded length
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c >= utf8.RuneSelf:
			return "", 0, false
		case c == '\\':
			if i+1 >= len(raw) || raw[i+1] == 'u' {
				return "", 0, false
			}
			i++
			n--
		}
	}
	if n >= len(f.address) || f.address[n] != '.' {
		return "", 0, false
	}
	return f.address[:n], e, true
}

// changeRec is what readChange reads of a resource change object.
type changeRec struct {
	f                                    fields
	actions                              tfjson.Actions // in the loader's scratch (l.actions)
	hasChange                            bool
	changeOff                            int // offset of the change object (-1 when absent or not an object)
	beforeOff, afterOff, unkOff, sensOff int // offsets of the change's values (-1 when absent)
	beforeSensOff                        int // offset of before_sensitive (-1 when absent)
	// afterMembers are the members of the after object, in order (in the
	// loader's scratch, l.afterMembers: good until the next readChange).
	afterMembers []keyOff
	depth        int // the scanner's nesting depth at the values
	start, end   int // the start and end of the resource change object
}

// readChange reads the resource change object at i (an element of
// resource_changes, or the resource_change of an element of
// deferred_changes). It fails on a member of the wrong type.
func (l *loader) readChange(i int) changeRec {
	s := l.s
	r := changeRec{actions: l.actions[:0], changeOff: -1, beforeOff: -1, afterOff: -1, unkOff: -1, sensOff: -1, beforeSensOff: -1, start: i}
	var seen keyBits
	if s.at(i) != '{' {
		s.failType(i, "a resource change object")
	}
	r.end = s.object(i, func(k string, ks, ke, v int) int {
		dup := seen.see(l, changeKeyBit(k), ks, ke, k)
		if k == "change" {
			l.expect(v, '{', "a change object")
			if dup {
				// The last change object counts, not its members
				// joined to those of the first.
				r.actions, r.hasChange, r.changeOff = r.actions[:0], false, -1
				r.beforeOff, r.afterOff, r.unkOff, r.sensOff, r.beforeSensOff = -1, -1, -1, -1, -1
				r.afterMembers = nil
			}
		}
		if k != "change" || s.at(v) != '{' {
			return l.field(&r.f, k, ks, v)
		}
		r.hasChange, r.changeOff = true, v
		var seen2 keyBits
		return s.object(v, func(k string, ks, ke, v int) int {
			seen2.see(l, changeValueBit(k), ks, ke, k)
			switch k {
			case "actions":
				r.actions = r.actions[:0] // the last list, not both
				l.expect(v, '[', "an array of action strings")
				if s.at(v) != '[' {
					return s.skip(v)
				}
				return s.array(v, func(e int) int {
					a, e2 := s.str(e)
					r.actions = append(r.actions, tfjson.Action(a))
					return e2
				})
			case "before":
				l.expect(v, '{', "an object")
				r.beforeOff = v
			case "after":
				l.expect(v, '{', "an object")
				r.afterOff = v
				if s.at(v) == '{' {
					// Its members are recorded as it is checked: the
					// sensitive marks of after_sensitive are found
					// among them (markSensitive) without reading the
					// value (a resource's policies) a second time.
					r.depth = s.depth
					r.afterMembers = l.afterMembers[:0]
					end := s.object(v, func(k string, ks, ke, x int) int {
						l.sortedDup(v, r.afterMembers, k, ks, ke)
						r.afterMembers = append(r.afterMembers, keyOff{k, x})
						return s.skip(x)
					})
					l.afterMembers = r.afterMembers[:0]
					return end
				}
				r.afterMembers = nil
			case "after_unknown":
				// An object (or true: all of it unknown); a string or
				// a number said nothing was unknown, silently.
				if c := s.at(v); c != '{' && c != 't' && c != 'f' && !s.isNull(v) {
					s.failType(v, "an object (or true)")
				}
				r.unkOff = v
			case "after_sensitive":
				r.sensOff = v
			case "before_sensitive":
				r.beforeSensOff = v
			}
			r.depth = s.depth
			return s.skip(v)
		})
	})
	l.actions = r.actions[:0]
	return r
}

// newChange returns the change r describes, from source.
func (l *loader) newChange(r *changeRec, source string) *Change {
	f := &r.f
	c := &Change{
		Address: f.address,
		Module:  f.module,
		Mode:    blockMode(f.mode),
		Type:    f.typ,
		Name:    f.name,
		Actions: sharedActions(r.actions),
		Source:  source,
		Range:   l.s.rng(f.addrStart, f.addrEnd),
	}
	c.setRare(f.previous, f.deposed, f.reason)
	if c.Module == "" {
		c.Module = moduleOf(c.Address)
	} else if len(c.Module) < len(c.Address) && c.Address[len(c.Module)] == '.' && strings.HasPrefix(c.Address, c.Module) {
		// The same string: module_address decoded a copy (its quotes are escaped).
		c.Module = c.Address[:len(c.Module)]
	}
	if c.Mode == "data" && !strings.HasPrefix(strings.TrimPrefix(strings.TrimPrefix(c.Address, c.Module), "."), "data.") {
		// "mode": "data" on the address of a managed resource: read as a
		// data source, its policies were not linted, and nothing said so
		// (aws_iam_policy.p with a wildcard: 0 findings, exit 0).
		rng := l.s.rng(f.addrStart, f.addrEnd)
		l.noChange = append(l.noChange, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "inconsistent plan",
			Detail: fmt.Sprintf("%s is in %s with \"mode\": \"data\", but its address is not a data source's (data.TYPE.NAME); terraform writes both alike. "+
				"It is read as a data source: its values are not linted as a managed resource's. Is the plan the unedited output of terraform show -json?", c.Address, source),
			Subject: &rng,
		})
	}
	return c
}

// seenChange returns the change of instance key among those read so far.
// Their index is made on first use, from Changes, at their number (grown as
// the pass read them, the map was a tenth of its time), and kept up to date
// from then on: only deferred_changes and the resources of planned_values
// and prior_state look changes up, and a plan with none of them (the
// generated benchmark plans) never needs it (p50: 3.1 MB, made while the
// plan's values are all in memory).
func (l *loader) seenChange(key instanceKey) *Change {
	if l.seen == nil {
		l.indexChanges()
	}
	return l.seen.get(key)
}

// addChange records c (read as r) and the job that builds its values.
// allUnknown says that its after value, when absent or null, is unknown
// as a whole (a deferred change: a later plan will know it).
func (l *loader) addChange(c *Change, r *changeRec, allUnknown bool) {
	if l.seen != nil { // nil until seenChange makes it from Changes
		l.seen.put(instanceKey{c.Address, c.Deposed()}, c)
	}
	l.p.Changes = append(l.p.Changes, c)
	if r.afterOff >= 0 && r.sensOff >= 0 {
		l.markSensitiveIn(r.afterOff, r.sensOff, 0, r.afterMembers)
	} else if r.sensOff >= 0 {
		l.checkMark(r.sensOff, -1)
	}
	if r.beforeOff >= 0 && r.beforeSensOff >= 0 {
		// The values before the change are in the file too, beside the
		// after values a finding's excerpt quotes (the text report quotes
		// up to 87 bytes each side of a column of a one-line plan).
		l.markSensitive(r.beforeOff, r.beforeSensOff, 0)
	} else if r.beforeSensOff >= 0 {
		l.checkMark(r.beforeSensOff, -1)
	}
	if c.Deposed() != "" {
		return
	}
	if !allUnknown && r.afterOff < 0 && r.unkOff < 0 && (l.before == nil || r.beforeOff < 0) {
		return
	}
	if l.skips(c) {
		// Nothing reads its values (the pass checked their JSON): what
		// build would tell of them is whether it gets an after block
		// (with no body), made in plan order by buildBodies.
		if s := l.s; inAfter(c.Actions) && ((r.afterOff >= 0 && !s.isNull(r.afterOff)) || s.at(r.unkOff) == 't' || allUnknown) {
			l.jobs = append(l.jobs, jobRef{skipped: c})
		}
		return
	}
	l.addJob(bodyJob{c: c, after: r.afterOff, before: r.beforeOff, unknown: r.unkOff, depth: r.depth, allUnknown: allUnknown, start: r.start, end: r.end})
}

func (l *loader) resourceChange(i int) int {
	r := l.readChange(i)
	if !r.f.hasAddress {
		l.s.failMissing(i, "resource change without an address", "address")
	}
	if !r.hasChange {
		// "change": null or absent: nothing says what the change does. It
		// is not recorded, so that planned_values (if it has the
		// resource) is linted as it would be without this element; it was
		// recorded with no values, so that nothing was linted, silently.
		rng := l.s.rng(r.f.addrStart, r.f.addrEnd)
		l.noChange = append(l.noChange, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Change without values",
			Detail: fmt.Sprintf("%s is in resource_changes without a change object (\"change\" is null or missing): the plan does not say what happens to it; "+
				"its policies are linted only if planned_values has it. Is the plan the unedited output of terraform show -json?", r.f.address),
			Subject: &rng,
		})
		return r.end
	}
	c := l.newChange(&r, FromResourceChanges)
	if a := c.Actions; (a.Create() || a.Update()) && (r.afterOff < 0 || l.s.isNull(r.afterOff)) && (r.unkOff < 0 || l.s.at(r.unkOff) != 't') {
		// Terraform writes a null "after" for a delete only: a create or
		// update without one says nothing of the values (a hand-edited
		// or truncated plan). It was skipped silently (red team 21).
		rng := l.s.rng(r.f.addrStart, r.f.addrEnd)
		l.noChange = append(l.noChange, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Change without values",
			Detail: fmt.Sprintf("%s is in resource_changes with %s but its \"after\" is null or missing (Terraform writes null only for a delete): "+
				"the plan does not say what the resource will be, so its policies are not linted. Is the plan the unedited output of terraform show -json?", r.f.address, actionList(a)),
			Subject: &rng,
		})
	}
	l.addChange(c, &r, false)
	return r.end
}

// commonActions are the action lists of most changes: a change with one
// of them shares it (read-only, its capacity clipped so that an append
// copies) instead of a slice of its own.
var commonActions = []tfjson.Actions{
	{tfjson.ActionCreate}, {tfjson.ActionNoop}, {tfjson.ActionUpdate}, {tfjson.ActionDelete}, {tfjson.ActionRead},
	{tfjson.ActionDelete, tfjson.ActionCreate}, {tfjson.ActionCreate, tfjson.ActionDelete},
}

// sharedActions returns the actions a read in the loader's scratch: a
// common list, or a copy of them (nil for none, as read).
func sharedActions(a tfjson.Actions) tfjson.Actions {
	if len(a) == 0 {
		return nil
	}
	for _, c := range commonActions {
		if slices.Equal(a, c) {
			return c[:len(c):len(c)]
		}
	}
	return slices.Clone(a)
}

func (l *loader) block(res *eval.Result, mods map[string]*eval.Module, c *Change, body *eval.Node) *eval.Block {
	b := newBlock(module(res, mods, c.Module), c, body)
	l.p.byBlock[b] = c
	return b
}

// newBlock makes the block of c in module m (appended to its blocks).
func newBlock(m *eval.Module, c *Change, body *eval.Node) *eval.Block {
	b := &eval.Block{
		Mode:    c.Mode,
		Type:    c.Type,
		Name:    c.Name,
		Address: c.Address,
		Range:   c.Range,
		Body:    body,
		Module:  m,
	}
	m.Blocks = append(m.Blocks, b)
	return b
}

// stateModule records the resources of a module object of planned_values or prior_state.
func (l *loader) stateModule(i int, path, source string) int {
	s := l.s
	resOff, childOff := -1, -1
	var seen keyBits
	end := s.object(i, func(k string, ks, ke, v int) int {
		seen.see(l, stateKeyBit(k), ks, ke, k)
		switch k {
		case "address":
			if s.at(v) == '"' {
				a, e := s.str(v)
				path = a
				return e
			}
		case "resources":
			l.expect(v, '[', "an array of resources")
			resOff = v
		case "child_modules":
			l.expect(v, '[', "an array of module objects")
			childOff = v
		}
		return s.skip(v)
	})
	if resOff >= 0 && s.at(resOff) == '[' {
		s.array(resOff, func(v int) int { return l.stateRecord(v, path, source) })
	}
	if childOff >= 0 && s.at(childOff) == '[' {
		s.array(childOff, func(v int) int {
			if s.at(v) != '{' {
				s.failType(v, "a module object")
			}
			return l.stateModule(v, path, source)
		})
	}
	return end
}

func (l *loader) stateRecord(i int, path, source string) int {
	s := l.s
	r := stateRes{source: source, path: path, obj: i, values: -1}
	hasAddress := false
	sens, index := -1, -1
	var members []keyOff // those of values, recorded as it is checked (see readChange)
	var seen keyBits
	if s.at(i) != '{' {
		s.failType(i, "a resource object")
	}
	end := s.object(i, func(k string, ks, ke, v int) int {
		seen.see(l, stateKeyBit(k), ks, ke, k)
		switch k {
		case "values":
			l.expect(v, '{', "an object")
			if !s.isNull(v) {
				r.values = v
				members = l.afterMembers[:0]
				e := s.object(v, func(k string, ks, ke, x int) int {
					l.sortedDup(v, members, k, ks, ke)
					members = append(members, keyOff{k, x})
					return s.skip(x)
				})
				l.afterMembers = members[:0]
				return e
			}
		case "sensitive_values":
			sens = v
		case "index":
			index = v
		case "address", "deposed_key":
			if k == "address" && s.at(v) != '"' && !s.isNull(v) {
				s.failType(v, "a string")
			}
			if s.at(v) == '"' {
				str, e := s.str(v)
				if k == "address" {
					r.address, hasAddress = str, true
				} else {
					r.deposed = str
				}
				return e
			}
		}
		return s.skip(v)
	})
	if !hasAddress {
		s.failMissing(i, "resource without an address", "address")
	}
	r.address = l.withIndex(r.address, index)
	if r.values >= 0 && sens >= 0 {
		l.markSensitiveIn(r.values, sens, 0, members)
	} else if sens >= 0 {
		l.checkMark(sens, -1)
	}
	if sens >= 0 && l.marksSomething(sens, 0) {
		l.stateMarks = append(l.stateMarks, stateMark{key: instanceKey{r.fullAddress(), r.deposed}, sens: sens, prior: source == FromPriorState})
	}
	l.addPending(&r)
	return end
}

// dropUnread takes the data sources of the prior state out of After when
// the plan leaves no object behind (a destroy plan: it deletes and keeps
// nothing): a policy document there feeds nothing that apply keeps. (A data
// source missing from the configuration section is kept: hand-written and
// filtered plans often show only part of the configuration.)
func (l *loader) dropUnread() {
	destroy := false
	for _, c := range l.p.Changes {
		if c.Source == FromPriorState {
			continue
		}
		if inAfter(c.Actions) {
			destroy = false
			break
		}
		destroy = true
	}
	drop := map[*eval.Block]bool{}
	for _, c := range l.p.Changes {
		if c.Source == FromPriorState && c.Mode == "data" && c.After != nil && destroy {
			drop[c.After] = true
			delete(l.p.byBlock, c.After)
			c.After = nil
		}
	}
	if len(drop) == 0 {
		return
	}
	for _, m := range l.after.Modules {
		kept := m.Blocks[:0]
		for _, b := range m.Blocks {
			if !drop[b] {
				kept = append(kept, b)
			}
		}
		m.Blocks = kept
	}
}

func (l *loader) stateResource(r *stateRes, dup bool) {
	s := l.s
	addr, path := r.fullAddress(), r.path
	key := instanceKey{addr, r.deposed}
	pc := l.seenChange(key)
	// Another entry of planned_values for an instance only it lists is
	// linted too (dupaddr.go).
	again := dup && r.source == FromPlannedValues && pc != nil && pc.Source == FromPlannedValues
	if pc != nil && !again && (r.source == FromPlannedValues || l.before == nil || r.values < 0 || pc.Before != nil ||
		(l.opts.BeforeResourcesOnly && pc.Mode == "data") ||
		r.deposed != "" || pc.Source == FromPriorState) {
		return // already known, nothing to add
	}
	var f fields
	s.object(r.obj, func(k string, ks, _, v int) int { return l.field(&f, k, ks, v) })
	c := &Change{
		Address: addr,
		Module:  path,
		Mode:    blockMode(f.mode),
		Type:    f.typ,
		Name:    f.name,
		Source:  r.source,
		Range:   s.rng(f.addrStart, f.addrEnd),
	}
	c.setRare("", f.deposed, "")
	if c.Module == "" {
		c.Module = moduleOf(addr)
	}
	hasValues := r.values >= 0
	switch r.source {
	case FromPlannedValues:
		if f.deposed != "" {
			return
		}
		// In resource_changes since Terraform 0.12, so rare: keep it as unchanged.
		c.Actions = tfjson.Actions{tfjson.ActionNoop}
		if !again {
			l.seen.put(key, c)
		}
		l.p.Changes = append(l.p.Changes, c)
		if hasValues && l.p.lazy != nil && c.Mode == "resource" && !l.skips(c) {
			// Built by Stream, as the values of a change are: a plan
			// that lists its resources in planned_values only (one
			// filtered to it) was decoded whole, 4.4 times its size
			// in memory at 200 MB.
			j := l.newJob(bodyJob{c: c, after: r.values, before: -1, unknown: -1, depth: s.depth,
				start: r.values, end: s.skip(r.values), lazy: true, lazyAfter: true})
			c.After = l.block(l.after, l.afterMod, c, nil)
			l.p.lazy.jobs[c.After] = j
			return
		}
		if hasValues {
			var body *eval.Node
			if !l.skips(c) {
				saved := s.unread
				s.unread = l.unreadFor(c)
				body, _ = s.bodyNode(r.values, nil, c)
				s.unread = saved
			}
			c.After = l.block(l.after, l.afterMod, c, body)
		}
	case FromPriorState:
		if pc != nil {
			// The prior object of a planned change: its before value, as the change had none.
			body, _ := s.node(r.values, nil, 0)
			pc.Before = l.block(l.before, l.befMod, pc, body)
			return
		}
		l.seen.put(key, c)
		if c.Mode == "data" {
			// Read during planning: current for both before and after.
			c.Actions = tfjson.Actions{tfjson.ActionRead}
		} else {
			c.Actions = tfjson.Actions{tfjson.ActionNoop}
		}
		l.p.Changes = append(l.p.Changes, c)
		if !hasValues || f.deposed != "" {
			return
		}
		var body *eval.Node
		if c.Mode == "data" {
			if !l.skips(c) {
				body, _ = s.bodyNode(r.values, nil, c)
			}
			c.After = l.block(l.after, l.afterMod, c, body)
		}
		if l.before != nil && !(l.opts.BeforeResourcesOnly && c.Mode == "data") {
			if body == nil {
				body, _ = s.node(r.values, nil, 0)
			}
			// A data source's body is shared by After and Before (read-only).
			c.Before = l.block(l.before, l.befMod, c, body)
		}
	}
}

// typeMismatch returns an error when r, a resource of planned_values, has
// the address of a change (of resource_changes or deferred_changes) of
// another type: the change is linted as the type it says, and the resource
// as planned_values has it is not linted (terraform writes the same type
// in both). It was silent: a policy of the one type went unlinted with
// nothing said.
func (l *loader) typeMismatch(r *stateRes) *hcl.Diagnostic {
	pc := l.seenChange(instanceKey{r.fullAddress(), r.deposed})
	if pc == nil {
		return nil
	}
	s := l.s
	v := l.member(r.obj, "type")
	if v < 0 || s.at(v) != '"' {
		return nil
	}
	typ, end := s.str(v)
	if typ == pc.Type {
		return nil
	}
	rng := s.rng(v, end)
	change := "resource_changes"
	if pc.Source == FromDeferredChanges {
		change = "deferred_changes"
	}
	other := strconv.Quote(pc.Type)
	if pc.Type == "" {
		other = "of no type"
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "inconsistent plan",
		Detail: fmt.Sprintf("%s is of type %q in planned_values but %s in %s (line %d); terraform writes one type in both. Linted as %s shows it: its values are not linted as type %q.",
			pc.Address, typ, other, change, pc.Range.Start.Line, change, typ),
		Subject: &rng,
	}
}

// member returns the offset of the value of key in the object at obj (read
// by the pass already), -1 when absent. It reads the members up to key
// only: terraform writes a resource's type before its values.
func (l *loader) member(obj int, key string) int {
	s := l.s
	i := s.ws(obj + 1)
	for s.at(i) == '"' {
		k, ke := s.str(i)
		v := s.ws(s.ws(ke) + 1)
		if k == key {
			return v
		}
		if i = s.ws(s.skip(v)); s.at(i) != ',' {
			break
		}
		i = s.ws(i + 1)
	}
	return -1
}

// unread returns the attributes a body leaves out (Options.Unread), nil
// for none: only without Before (whose bodies --new-only compares).
func (l *loader) unread() func(string) bool {
	if !l.opts.SkipBefore {
		return nil
	}
	return l.opts.Unread
}

// unreadFor returns the attributes the body of c leaves out (Options.Unread
// and UnreadOf), nil for none.
func (l *loader) unreadFor(c *Change) func(string) bool {
	u := l.unread()
	if u == nil && !l.opts.SkipBefore {
		return nil
	}
	if l.opts.UnreadOf != nil && c.Mode == "resource" {
		if t := l.opts.UnreadOf(c.Type); t != nil {
			return t
		}
	}
	return u
}

// skips reports whether the values of c are left out (Options.Relevant).
func (l *loader) skips(c *Change) bool {
	return l.opts.Relevant != nil && l.before == nil && !l.opts.Relevant(c.Mode, c.Type)
}

// moduleOf returns the module part of a resource instance address:
// module.a.module.b["k"].aws_iam_role.r[0] -> module.a.module.b["k"].
func moduleOf(addr string) string {
	var parts []string
	rest := addr
	for strings.HasPrefix(rest, "module.") {
		j := len("module.")
		for j < len(rest) && rest[j] != '.' && rest[j] != '[' {
			j++
		}
		if j < len(rest) && rest[j] == '[' {
			k := instanceKeyEnd(rest, j)
			if k < 0 {
				break
			}
			j = k
		}
		parts = append(parts, rest[:j])
		if j >= len(rest) || rest[j] != '.' {
			break
		}
		rest = rest[j+1:]
	}
	return strings.Join(parts, ".")
}

// instanceKeyEnd returns the offset after the [...] key starting at s[j]
// (-1: none), as baseline reads it too.
func instanceKeyEnd(s string, j int) int { return tfaddr.KeyEnd(s, j) }

// maxSensitiveDepth bounds the recursion of markSensitive.
const maxSensitiveDepth = 64

// markSensitive records in Plan.Sensitive the parts of the value at offset v
// that the sensitivity tree at offset sv (after_sensitive, sensitive_values:
// true where sensitive, objects and arrays mirroring the value) marks.
func (l *loader) markSensitive(v, sv, depth int) {
	l.markSensitiveIn(v, sv, depth, nil)
}

// keyOff is an object member: its key and the offset of its value.
type keyOff struct {
	key string
	off int
}

// markSensitiveIn is markSensitive; members, when not nil, are those of
// the object at v (its keys and value offsets, in order), read already.
func (l *loader) markSensitiveIn(v, sv, depth int, members []keyOff) {
	s := l.s
	if depth > maxSensitiveDepth {
		return
	}
	whole := func() { l.p.Sensitive = append(l.p.Sensitive, [2]int{v, s.skip(v)}) }
	switch s.at(sv) {
	case 'f', 'n': // false, null: not sensitive
	case '{':
		if s.at(v) != '{' {
			if s.at(v) == '[' {
				l.badMarkAt(sv, v)
			}
			whole() // a mark of another shape than the value: all of it
			return
		}
		// The members that mark something, the last one of a key kept
		// (gathered in the loader's scratch, shared by the nested calls).
		base := len(l.sensKeys)
		defer func() {
			clear(l.sensKeys[base:])
			l.sensKeys = l.sensKeys[:base]
		}()
		s.object(sv, func(k string, _, _, x int) int {
			if c := s.at(x); c != 'f' && c != 'n' {
				if !markStart(c) {
					if len(l.badMarks) < maxBadMarks {
						l.badMarkAt(x, l.memberAt(v, members, k)) // (also of a member the value has not)
					} else {
						l.addBadMark(badMark{off: x}) // not recorded (no need of its value): counted
					}
				}
				for j := base; j < len(l.sensKeys); j++ {
					if l.sensKeys[j].key == k {
						l.sensKeys[j].off = x
						return s.skip(x)
					}
				}
				l.sensKeys = append(l.sensKeys, keyOff{k, x})
			}
			return s.skip(x)
		})
		if len(l.sensKeys) == base {
			return
		}
		marked := func(k string) int {
			for j := base; j < len(l.sensKeys); j++ {
				if l.sensKeys[j].key == k {
					return l.sensKeys[j].off
				}
			}
			return -1
		}
		if members != nil {
			for _, m := range members {
				if so := marked(m.key); so >= 0 {
					l.markSensitive(m.off, so, depth+1)
				}
			}
			return
		}
		s.object(v, func(k string, _, _, x int) int {
			if so := marked(k); so >= 0 {
				l.markSensitive(x, so, depth+1)
			}
			return s.skip(x)
		})
	case '[':
		if s.at(v) != '[' {
			if s.at(v) == '{' {
				l.badMarkAt(sv, v)
			}
			whole()
			return
		}
		var elems []int
		s.array(sv, func(x int) int {
			elems = append(elems, x)
			return s.skip(x)
		})
		i := 0
		s.array(v, func(x int) int {
			if i < len(elems) {
				l.markSensitive(x, elems[i], depth+1)
			}
			i++
			return s.skip(x)
		})
		for _, x := range elems[min(i, len(elems)):] {
			l.checkMark(x, -1) // of an element the value has not
		}
	default: // true, or a mark of no known shape ("yes", 1): all of it
		l.checkMark(sv, v)
		whole()
	}
}

// maxBadMarks bounds the errors of sensitivity marks of the wrong type
// of one plan (each names its mark by its path: markDiags finds them in a
// scan of the plan up to the last).
const maxBadMarks = 10

// badMark is a sensitivity mark of the wrong type: its offset, and what
// it should be.
type badMark struct {
	off  int
	want string
}

// checkMark records the error of the sensitivity mark at sv when it is a
// string or a number (Terraform writes true, false, or an object or array
// mirroring the value; null is none). v is the offset of the value it
// marks (-1 when unknown or absent), for what the mark should be.
func (l *loader) checkMark(sv, v int) {
	if !markStart(l.s.at(sv)) {
		l.badMarkAt(sv, v)
	}
}

// markStart reports whether c starts a sensitivity mark of a type
// Terraform writes (true, false, null, an object or an array).
func markStart(c byte) bool {
	switch c {
	case 't', 'f', 'n', '{', '[':
		return true
	}
	return false
}

// memberAt returns the offset of the value of the member k of the object
// at v (the last one), -1 when it has none; members, when not nil, are
// its members, read already.
func (l *loader) memberAt(v int, members []keyOff, k string) int {
	at := -1
	if members != nil {
		for _, m := range members {
			if m.key == k {
				at = m.off
			}
		}
		return at
	}
	s := l.s
	s.object(v, func(k2 string, _, _, x int) int {
		if k2 == k {
			at = x
		}
		return s.skip(x)
	})
	return at
}

// badMarkAt records that the sensitivity mark at sv (of the value at v,
// -1 when unknown or absent) is of the wrong type: Load says it as an
// error of the plan (markDiags), not fatal: the value it marks is hidden
// as a whole (markSensitive), and the rest of the plan linted. Terraform
// never writes one: a plan edited by hand or made by another tool, whose
// marks may not say what its author meant to hide.
func (l *loader) badMarkAt(sv, v int) {
	want := "a boolean, or an object or array mirroring the value"
	switch c := l.s.at(v); {
	case v < 0:
	case c == '{':
		want = "a boolean or an object mirroring the value"
	case c == '[':
		want = "a boolean or an array mirroring the value"
	default:
		want = "a boolean"
	}
	l.addBadMark(badMark{sv, want})
}

// addBadMark records b in badMarks, unless it has its mark already (the
// first one counts) or maxBadMarks of them.
func (l *loader) addBadMark(b badMark) {
	for _, o := range l.badMarks {
		if o.off == b.off {
			return // (crossMark reads the marks of planned_values again)
		}
	}
	if len(l.badMarks) >= maxBadMarks {
		l.moreBadMarks = true
		return
	}
	l.badMarks = append(l.badMarks, b)
}

// markDiags returns the errors of the sensitivity marks of the wrong type
// (badMarks), in plan order: "Invalid plan" at the mark, naming it by its
// path and saying what it should be and what it is, as a member of the
// wrong type is, and that what it marks is hidden.
func (l *loader) markDiags() hcl.Diagnostics {
	s := l.s
	slices.SortFunc(l.badMarks, func(a, b badMark) int { return a.off - b.off })
	offs := make([]int, len(l.badMarks))
	for i, b := range l.badMarks {
		offs[i] = b.off
	}
	// Their paths in one scan of the plan up to the last mark (shapeDiag
	// finds each in a scan up to it and past the section that holds it:
	// on a 200 MB plan with 10 marks near its end, 3 s more to Load).
	var paths []string
	if s.wholePlan() {
		paths, _ = memberPaths(s.src, offs)
	}
	var diags hcl.Diagnostics
	for i, b := range l.badMarks {
		d, ok := s.shapeDiagPath(syntaxError{off: b.off + s.base, want: b.want}, func(int) (string, bool) {
			if paths == nil {
				return "", false // (a window of the plan: shapeDiag has none either)
			}
			return paths[i], true
		})
		if !ok {
			continue
		}
		d.Detail += " (the value it marks is treated as sensitive: hidden in every message)"
		if l.moreBadMarks && i == len(l.badMarks)-1 {
			d.Detail += fmt.Sprintf("; more than %d sensitivity marks of the plan are of the wrong type, the others not listed", maxBadMarks)
		}
		diags = append(diags, d)
	}
	l.badMarks, l.moreBadMarks = nil, false
	return diags
}

// marksSomething reports whether the sensitivity tree at sv marks a value
// (a true, or a mark of no known shape, anywhere in it).
func (l *loader) marksSomething(sv, depth int) bool {
	s := l.s
	if depth > maxSensitiveDepth {
		return false
	}
	found := false
	switch s.at(sv) {
	case 'f', 'n':
	case '{':
		s.object(sv, func(_ string, _, _, x int) int {
			found = found || l.marksSomething(x, depth+1)
			return s.skip(x)
		})
	case '[':
		s.array(sv, func(x int) int {
			found = found || l.marksSomething(x, depth+1)
			return s.skip(x)
		})
	default:
		found = true
	}
	return found
}

// crossMark applies the marks of the sensitive_values of planned_values
// and prior_state (stateMarks) to the values of the same instance in
// resource_changes (after and before), which the rules lint and findings
// are located in: a plan whose change says nothing of a value that
// planned_values marks (no after_sensitive: a filtered or hand-written
// plan) had the value printed. Terraform writes the same marks in both:
// these add ranges already recorded, which disjoint removes. The changes
// are read again, their values skipped, only when some resource marks a
// value.
func (l *loader) crossMark() {
	if len(l.stateMarks) == 0 || len(l.changesAt) == 0 {
		return
	}
	marks := make(map[instanceKey][]stateMark, len(l.stateMarks))
	for _, m := range l.stateMarks {
		marks[m.key] = append(marks[m.key], m)
	}
	l.stateMarks = nil
	s := l.s
	saved := s.depth
	defer func() { s.depth = saved }()
	for _, at := range l.changesAt {
		s.depth = at[1]
		s.array(at[0], func(e int) int {
			if s.at(e) != '{' {
				return s.skip(e)
			}
			var key instanceKey
			before, after := -1, -1
			end := s.object(e, func(k string, _, _, v int) int {
				switch {
				case k == "address" && s.at(v) == '"':
					a, e2 := s.str(v)
					key.address = a
					return e2
				case (k == "deposed" || k == "deposed_key") && s.at(v) == '"':
					d, e2 := s.str(v)
					key.deposed = d
					return e2
				case k == "change" && s.at(v) == '{':
					return s.object(v, func(k2 string, _, _, x int) int {
						switch k2 {
						case "before":
							before = x
						case "after":
							after = x
						}
						return s.skip(x)
					})
				}
				return s.skip(v)
			})
			for _, m := range marks[key] {
				if m.prior && before >= 0 {
					l.markSensitive(before, m.sens, 0)
				} else if !m.prior && after >= 0 {
					l.markSensitive(after, m.sens, 0)
				}
			}
			return end
		})
	}
}

// Disjoint returns ranges (byte offsets, end excluded) sorted by start,
// overlapping ones merged, those another holds dropped; ranges is reused.
// For the values of a plan (two are disjoint, or one holds the other): a
// value marked twice (in a change and in planned_values, crossMark) is one
// range, and Plan.Sensitive's ranges, sorted by start, are sorted by end too.
func Disjoint(ranges [][2]int) [][2]int {
	sort.Slice(ranges, func(i, j int) bool {
		if ranges[i][0] != ranges[j][0] {
			return ranges[i][0] < ranges[j][0]
		}
		return ranges[i][1] > ranges[j][1]
	})
	out := ranges[:0]
	for _, r := range ranges {
		if n := len(out); n > 0 && r[0] < out[n-1][1] {
			// Held by the last one kept (or, from marks that are not
			// values, overlapping it: merged).
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// markWhole records the value at v (not null) in Plan.Sensitive, and
// returns its end.
func (l *loader) markWhole(v int) int {
	s := l.s
	end := s.skip(v)
	if !s.isNull(v) {
		l.p.Sensitive = append(l.p.Sensitive, [2]int{v, end})
	}
	return end
}

// markChangeValues records in Plan.Sensitive what the change object at c
// (of output_changes or resource_drift: not linted) marks sensitive in its
// values (before_sensitive, after_sensitive, as markSensitive reads them),
// and returns its end. Anything but an object is skipped: these sections
// are not read otherwise, and a plan was not refused for them.
func (l *loader) markChangeValues(c int) int {
	s := l.s
	if s.at(c) != '{' {
		return s.skip(c)
	}
	before, after, beforeSens, afterSens := -1, -1, -1, -1
	end := s.object(c, func(k string, _, _, v int) int {
		switch k {
		case "before":
			before = v
		case "after":
			after = v
		case "before_sensitive":
			beforeSens = v
		case "after_sensitive":
			afterSens = v
		}
		return s.skip(v)
	})
	if before >= 0 && beforeSens >= 0 {
		l.markSensitive(before, beforeSens, 0)
	} else if beforeSens >= 0 {
		l.checkMark(beforeSens, -1)
	}
	if after >= 0 && afterSens >= 0 {
		l.markSensitive(after, afterSens, 0)
	} else if afterSens >= 0 {
		l.checkMark(afterSens, -1)
	}
	return end
}

// markOutputs records in Plan.Sensitive the values of the outputs (the
// object at v: planned_values or prior_state's outputs) marked sensitive
// ("sensitive": true, or any mark but false and null, as markSensitive
// reads one), and returns its end.
func (l *loader) markOutputs(v int) int {
	s := l.s
	if s.at(v) != '{' {
		return s.skip(v)
	}
	return s.object(v, func(_ string, _, _, o int) int {
		if s.at(o) != '{' {
			return s.skip(o)
		}
		var vals []int
		sens := false
		end := s.object(o, func(k string, _, _, x int) int {
			switch k {
			case "value":
				vals = append(vals, x)
			case "sensitive":
				c := s.at(x)
				sens = sens || c != 'f' && c != 'n'
			}
			return s.skip(x)
		})
		if sens {
			for _, x := range vals {
				l.markWhole(x)
			}
		}
		return end
	})
}

// expect fails unless the value at v is null or starts with open ('{' an
// object, '[' an array): a plan member of the wrong type (resource_changes
// an object, a change's after a string) is not a plan to lint as if it were
// empty. want says what the member should be ("an array of resource
// changes"; it starts with the JSON type), for the error (shapeDiag).
func (l *loader) expect(v int, open byte, want string) {
	s := l.s
	if c := s.at(v); c == open || s.isNull(v) {
		return
	}
	s.failType(v, want)
}

// deferredChanges reads the elements of deferred_changes recorded by the
// pass ({"reason": ..., "resource_change": {...}}, the resource change in
// the shape of an element of resource_changes). Each becomes a change of
// the plan, linted like the others with what the plan knows of it, unless
// resource_changes (or an earlier deferred change) already has its address.
// Each also gets a notice that says what happened to it; a malformed one
// is a notice (at the element, or at what is wrong in it), not an error:
// the rest of the plan is linted as before. Like every message, a notice
// says its position only as its range (line:column): its text does not
// repeat it (it said "at byte offset 544 (line 7, column 92)" too).
func (l *loader) deferredChanges() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for n, at := range l.deferredAt {
		if d := l.deferred(at[0], at[1], n); d != nil {
			diags = append(diags, d)
		}
	}
	l.deferredAt = nil
	return diags
}

// deferred reads the element n of deferred_changes, at i (the scanner at
// depth there), and returns its notice.
func (l *loader) deferred(i, depth, n int) *hcl.Diagnostic {
	s := l.s
	saved := s.depth
	defer func() { s.depth = saved }()
	s.depth = depth
	notice := func(subject hcl.Range, format string, args ...any) *hcl.Diagnostic {
		return &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Change deferred",
			Detail:   fmt.Sprintf(format, args...),
			Subject:  &subject,
		}
	}
	elem := fmt.Sprintf("deferred_changes[%d]", n)
	if s.at(i) != '{' {
		return notice(s.rng(i, s.skip(i)), "%s is %s, not an object ({\"reason\": ..., \"resource_change\": ...}): ignored.", elem, jsonKind(s.src[i:s.skip(i)]))
	}
	var reason string
	rc := -1
	var seen keyBits
	s.object(i, func(k string, ks, ke, v int) int {
		switch k {
		case "reason":
			seen.see(l, 1, ks, ke, k)
			reason = ""
			if s.at(v) == '"' {
				reason, _ = s.str(v)
			}
		case "resource_change":
			seen.see(l, 2, ks, ke, k)
			rc = -1
			if s.at(v) == '{' {
				rc = v
			}
		}
		return s.skip(v)
	})
	why := ""
	if reason != "" {
		why = " (" + reason + ")"
	}
	if rc < 0 {
		return notice(s.rng(i, i+1), "%s has no resource_change object: a change%s deferred to a later plan, not linted.", elem, why)
	}
	r, bad := l.readDeferred(rc)
	if bad != nil {
		addr := "A change"
		s.object(rc, func(k string, _, _, v int) int {
			if k == "address" && s.at(v) == '"' {
				addr, _ = s.str(v)
			}
			return s.skip(v)
		})
		// What is wrong, said as Load says a member of the wrong type
		// elsewhere (its path and type), at it. (The path is found
		// from the element: a scan of it alone.)
		what, rng := bad.msg, s.rng(bad.off-s.base, bad.off-s.base+1)
		if d, ok := s.shapeDiagIn(*bad, rc, elem+".resource_change"); ok && d.Summary == "Invalid plan" {
			what, rng = d.Detail, *d.Subject
		}
		return notice(rng, "%s is deferred to a later plan%s, but its resource_change is malformed (%s): not linted; lint the plan that applies it.",
			addr, why, what)
	}
	if !r.f.hasAddress {
		return notice(s.rng(rc, rc+1), "A change deferred to a later plan%s has no address (%s.resource_change): not linted.", why, elem)
	}
	addr := r.f.address
	subject := s.rng(r.f.addrStart, r.f.addrEnd)
	if pc := l.seenChange(instanceKey{addr, r.f.deposed}); pc != nil {
		where := "resource_changes"
		if pc.Source == FromDeferredChanges {
			where = "deferred_changes already"
		}
		return notice(subject, "%s is deferred to a later plan%s but also in %s: linted once, as listed there.", addr, why, where)
	}
	if !r.hasChange {
		return notice(subject, "%s is deferred to a later plan%s and the plan shows no change for it: nothing to lint; lint the plan that applies it.", addr, why)
	}
	c := l.newChange(&r, FromDeferredChanges)
	l.addChange(c, &r, true)
	switch {
	case !inAfter(c.Actions) || c.Deposed() != "":
		return notice(subject, "%s is deferred to a later plan%s: it leaves no object behind (%s), nothing to lint.", addr, why, actionList(c.Actions))
	case r.afterOff < 0 || s.isNull(r.afterOff):
		return notice(subject, "%s is deferred to a later plan%s and the plan shows none of its values: its policies are unknown until the plan that applies it.", addr, why)
	}
	return notice(subject, "%s is deferred to a later plan%s: the plan shows part of its values; its policies are linted with what is known (the rest stays unknown until the plan that applies it).", addr, why)
}

// readDeferred reads the resource change of a deferred change at i, and
// returns the shape error (a member of the wrong type) instead of failing.
func (l *loader) readDeferred(i int) (r changeRec, bad *syntaxError) {
	defer func() {
		if x := recover(); x != nil {
			se, ok := x.(syntaxError)
			if !ok {
				panic(x)
			}
			bad = &se
		}
	}()
	return l.readChange(i), nil
}

// actionList writes actions as the plan does (["delete"]).
func actionList(a tfjson.Actions) string {
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = string(x)
	}
	return "actions " + strings.Join(parts, ", ")
}
