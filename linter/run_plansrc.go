package linter

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
)

// A plan's bytes (50 MB for a 50 MB plan) are read by the loader and the
// extraction (the deferred policies are parsed from them at the merge);
// after the merge the model does not need them, and the steps after the
// rules read little of them: the text of each finding's range
// (fingerprints), the sensitive values (hideSensitive) and, for the text
// report, the lines quoted (Result.Sources). dropPlanBytes lets them be
// collected after the merge: the strings the run keeps that share them
// (plan/scan.go: a string without escapes is a substring of the plan) are
// copied, what the later steps read of the bytes is taken now (the
// sensitive values) or read again from the plan file (the finding ranges
// by finish, the whole text for Result.Sources when Lint returns, after
// the model). The file's size and CRC-32C are kept: a file changed in the
// meantime is told as an error, never quoted or hashed unnoticed.
//
// Plans kept in memory as before: standard input (no file to read again),
// --new-only (the plan's state before is read after the rules and its
// values share the bytes) and plans of mostly non-ASCII text (the code
// point columns of finish count the characters from the start of the
// line: a plan with some keeps an index of them, runeIndex) or not valid
// UTF-8.

// droppedPlan is a plan whose bytes were dropped after the merge.
type droppedPlan struct {
	run  *planRun
	path string // the file to read again
	size int64
	sum  uint32 // CRC-32C of the bytes
	// runes is what the code point columns of a plan with non-ASCII text
	// need of it (nil for an ASCII plan: its columns are byte columns).
	runes *runeIndex
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// dropPlanBytes drops the bytes of the plans of runs that can be read
// again (see above) from ev.Sources and from the runs, after copying the
// strings of model, blocks, ev and the runs that share them. It returns
// the plans dropped.
func dropPlanBytes(ev *eval.Result, model *iam.Model, blocks []*blockSummary, diags hcl.Diagnostics, runs []*planRun, opts Options) []*droppedPlan {
	if opts.NewOnly {
		return nil
	}
	var out []*droppedPlan
	for _, r := range runs {
		if r != nil && r.early {
			// Dropped at the release (earlyDrop).
			out = append(out, r.dropped)
			continue
		}
		src, ok := droppable(ev, r)
		if !ok {
			continue
		}
		// The whole text is read (about 0.1 s for 200 MB) while the
		// model is walked.
		whole := readWhole(r, src)
		u := newUnsharer(src)
		u.model(model)
		d := whole()
		if d == nil {
			continue
		}
		r.sensSecrets = sensitiveStrings(src, r.p.Sensitive)
		r.dropped = d
		u.result(ev)
		u.run(r)
		u.diags(diags)
		delete(ev.Sources, r.name)
		delete(r.after.Sources, r.name)
		out = append(out, d)
	}
	return out
}

// readWhole reads, on another CPU, what is read of the whole text src of
// r's plan before it is dropped: its characters and its CRC. The function
// it returns waits for that and gives the dropped plan, or nil when the
// bytes are to be kept after all (a plan of mostly non-ASCII text: no
// runeIndex). Copying texts out of src meanwhile is harmless when they are
// kept: the copies have the same text.
func readWhole(r *planRun, src []byte) func() *droppedPlan {
	var d *droppedPlan
	wait := goCatch(func() { d = wholeOf(r, src) })
	return func() *droppedPlan {
		wait()
		return d
	}
}

// wholeOf is readWhole's work, done by the calling goroutine.
func wholeOf(r *planRun, src []byte) *droppedPlan {
	var runes *runeIndex
	if asciiLen(src) != len(src) {
		if runes = newRuneIndex(src); runes == nil {
			return nil
		}
	}
	return &droppedPlan{run: r, path: r.name, size: int64(len(src)), sum: crc32.Checksum(src, castagnoli), runes: runes}
}

// preDrop is what earlyDrop reads of the whole text of a streamed plan
// (whether it holds a credential, and readWhole's characters and CRC),
// read on another goroutine from the end of its stream on (startPreDrop),
// while its identity graph is linked on one CPU: on the 200 MB bench plan
// about 0.3 s of work that earlyDrop did on one CPU, the other idle. A
// plan that may be read through windows has it read by windowsFor, during
// the stream's first pass, once.
type preDrop struct {
	src     []byte
	wait    func()
	secrets bool
	whole   *droppedPlan
}

// startPreDrop starts the preDrop of r's streamed plan, of text src, when
// earlyDrop may drop its bytes (a plan read from a file); read, when it
// is src's, was read already (windowsFor) and is taken as it is.
func startPreDrop(r *planRun, src []byte, read *preDrop) {
	if !earlyDrops || len(src) == 0 || r.name == "" || strings.HasPrefix(r.name, "<") {
		return
	}
	if read != nil && sameBytes(read.src, src) {
		r.pre = read
		return
	}
	pd := &preDrop{src: src}
	pd.wait = goCatch(func() { pd.read(r) })
	r.pre = pd
}

// read reads what pd holds of its text, of r's plan: whether it holds a
// credential, and when not its characters and CRC.
func (pd *preDrop) read(r *planRun) {
	if pd.secrets = len(extract.ScanSecrets(r.name, pd.src)) > 0; !pd.secrets {
		pd.whole = wholeOf(r, pd.src)
	}
}

// textKept returns what the steps after the release read of the text src
// of r's plan once its bytes are dropped: the strings of its sensitive
// values (hideSensitive) and a copy of its configuration section
// (planSecrets' providers of variables).
func textKept(r *planRun, src []byte) (sensSecrets map[string]bool, cfgText []byte) {
	if cs, ce := r.p.Configuration.Start.Byte, r.p.Configuration.End.Byte; cs >= 0 && ce <= len(src) && cs < ce {
		cfgText = bytes.Clone(src[cs:ce])
	}
	return sensitiveStrings(src, r.p.Sensitive), cfgText
}

// droppable returns the bytes of r's plan when dropPlanBytes may drop them
// (see above): a plan read from a regular file that still has its size,
// whose bytes ev.Sources and r's result share.
func droppable(ev *eval.Result, r *planRun) ([]byte, bool) {
	if r == nil || r.p == nil || r.name == "" || strings.HasPrefix(r.name, "<") || r.early {
		return nil, false
	}
	src, ok := ev.Sources[r.name]
	if !ok || len(src) == 0 || r.after == nil || !sameBytes(r.after.Sources[r.name], src) {
		return nil, false
	}
	st, err := os.Stat(r.name)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(src)) {
		return nil, false
	}
	return src, true
}

// earlyDrop is dropPlanBytes for the streamed plans of runs, at the
// release, before the merge: the merge then parses the plans' policy texts
// from copies of them (extract.Space.Detach: a 200 MB plan holds 121 MB of
// them, each copy garbage once parsed), and the plan's bytes and its model
// are never in memory together. Taken from the bytes first, what the
// steps after the merge read of them: their characters and CRC (for
// finish), the sensitive values, the configuration section (planSecrets'
// providers of variables). A plan whose text holds a credential keeps its
// bytes until dropPlanBytes (planSecrets reads the text around each). It
// returns, by plan result, an unsharer of the plan's bytes for the
// summary of its blocks (made on another goroutine: see prepare), which
// holds no reference to them, and factsCopied, which waits for the copy
// of the runs' change facts (made on another goroutine: call it before
// anything reads them, and before the plans' bytes are to be collected).
func earlyDrop(ev *eval.Result, spaces []*extract.Space, runs []*planRun, opts Options) (_ map[*eval.Result]*unsharer, factsCopied func()) {
	var waits []func()
	factsCopied = func() {
		for _, w := range waits {
			w()
		}
	}
	if opts.NewOnly || !earlyDrops {
		return nil, factsCopied
	}
	var out map[*eval.Result]*unsharer
	for _, r := range runs {
		if r == nil {
			continue
		}
		if r.win != nil {
			// Read through windows: its bytes are dropped already,
			// and nothing shares them.
			detachWindowed(r)
			continue
		}
		pd := r.pre
		r.pre = nil // it holds the plan's bytes
		// A preDrop not used is still waited for: its work stays out of
		// the steps after, and a panic in it is raised here, not lost.
		unused := func() {
			if pd != nil {
				pd.wait()
			}
		}
		if !r.streamed || r.srcDir != "" {
			unused()
			continue
		}
		src, ok := droppable(ev, r)
		if !ok {
			unused()
			continue
		}
		var secrets bool
		var d *droppedPlan
		if pd != nil && sameBytes(pd.src, src) {
			pd.wait()
			secrets, d = pd.secrets, pd.whole
		} else {
			unused()
			whole := readWhole(r, src)
			secrets = len(extract.ScanSecrets(r.name, src)) > 0
			d = whole()
		}
		if d == nil || secrets {
			continue
		}
		u := newUnsharer(src)
		for _, sp := range spaces {
			if sp != nil {
				sp.Detach(r.name, src, u.str)
				u.model(sp.View())
				u.diags(sp.Diags)
			}
		}
		r.dropped = d
		r.sensSecrets, r.cfgText = textKept(r, src)
		u.run(r)
		u.result(ev)
		u.diags(ev.Diags)
		// The facts last, on another CPU while the caller copies the
		// block summaries (a map of every change made again: ~70 ms of
		// the 200 MB plan on one CPU). After the others, so that they
		// share every copy those made (facts records none); nothing
		// else uses u after this.
		waits = append(waits, goCatch(func() { u.facts(r) }))
		delete(ev.Sources, r.name)
		delete(r.after.Sources, r.name)
		r.early = true
		if out == nil {
			out = map[*eval.Result]*unsharer{}
		}
		out[r.after] = &unsharer{lo: u.lo, hi: u.hi, seen: map[string]string{}}
	}
	return out, factsCopied
}

// earlyDrops switches earlyDrop on, and earlyDropped is called once it
// is done, before the merge (variables for the tests).
var (
	earlyDrops   = true
	earlyDropped func()
)

// facts copies the keys of r's facts and of the configured attributes they
// hold (each map once: a plan's changes share them by configuration
// address).
func (u *unsharer) facts(r *planRun) {
	if r.facts == nil {
		return
	}
	cfgs := map[uintptr]map[string]bool{}
	out := make(map[string]changeFact, len(r.facts))
	for k, f := range r.facts {
		u.unique(&k)
		if f.configured != nil {
			id := reflect.ValueOf(f.configured).Pointer()
			c, ok := cfgs[id]
			if !ok {
				c = make(map[string]bool, len(f.configured))
				for a, v := range f.configured {
					u.str(&a)
					c[a] = v
				}
				cfgs[id] = c
			}
			f.configured = c
		}
		out[k] = f
	}
	r.facts = out
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// asciiLen returns the length of the ASCII prefix of b (8 bytes at a time).
func asciiLen(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b) && b[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// sensitiveStrings returns the strings of the sensitive values of src
// (ranges), as hideSensitive names them: a JSON string, and the strings
// of an object or array marked sensitive as a whole (after_sensitive:
// true, a sensitive output of an object), its keys left out.
func sensitiveStrings(src []byte, ranges [][2]int) map[string]bool {
	secret := map[string]bool{}
	for _, r := range ranges {
		if r[0] < 0 || r[1] > len(src) || r[1]-r[0] < 2 {
			continue
		}
		switch src[r[0]] {
		case '"':
			var v string
			if json.Unmarshal(src[r[0]:r[1]], &v) == nil && v != "" {
				secret[v] = true
			}
		case '{', '[':
			var v any
			if json.Unmarshal(src[r[0]:r[1]], &v) == nil {
				jsonStrings(v, secret, 0)
			}
		}
	}
	return secret
}

// jsonStrings adds the strings (not empty) of v, a decoded JSON value, to
// out (down to maxSecretDepth levels of objects and arrays).
func jsonStrings(v any, out map[string]bool, depth int) {
	if depth > maxSecretDepth {
		return
	}
	switch v := v.(type) {
	case string:
		if v != "" {
			out[v] = true
		}
	case []any:
		for _, e := range v {
			jsonStrings(e, out, depth+1)
		}
	case map[string]any:
		for _, e := range v {
			jsonStrings(e, out, depth+1)
		}
	}
}

// maxSecretDepth bounds jsonStrings' recursion (a plan's values are
// bounded by the scanner's depth already).
const maxSecretDepth = 64

// unsharer copies the strings that are substrings of src (each distinct
// text once, into blocks of its own). A document or statement reached
// twice (from the model's list and from the graph) is walked twice: the
// second walk finds nothing left to copy, and costs less than a set of
// those visited (half the time of the walk on a 50 MB plan).
type unsharer struct {
	lo, hi uintptr // src's bytes
	seen   map[string]string
	recent [64]string // the copies made last, by recentSlot: before seen
	block  []byte
}

func newUnsharer(src []byte) *unsharer {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	return &unsharer{lo: lo, hi: lo + uintptr(len(src)), seen: map[string]string{}}
}

// inSrc reports whether s points into src (the pointer comparison of
// iam's textOwner: src is one allocation, and s is one of its substrings
// exactly when its first byte lies in it).
func (u *unsharer) inSrc(s string) bool {
	if len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= u.lo && p < u.hi
}

// str replaces *s by a copy when it points into src.
func (u *unsharer) str(s *string) {
	if !u.inSrc(*s) {
		return
	}
	// The same texts come in runs (the resource type of one document
	// after another): most are found among the recent ones.
	slot := recentSlot(*s)
	if t := u.recent[slot]; t == *s {
		*s = t
		return
	}
	if t, ok := u.seen[*s]; ok {
		u.recent[slot] = t
		*s = t
		return
	}
	t := u.clone(*s)
	u.seen[t] = t
	u.recent[slot] = t
	*s = t
}

// clone returns a copy of s (not empty) in u's blocks.
func (u *unsharer) clone(s string) string {
	const blockSize = 64 << 10
	if len(s) > blockSize/8 {
		return strings.Clone(s)
	}
	if len(u.block)+len(s) > cap(u.block) {
		u.block = make([]byte, 0, blockSize)
	}
	at := len(u.block)
	u.block = append(u.block, s...)
	// The block is never written again where the copy lies (appends
	// only write past its length, and a full block is replaced).
	return unsafe.String(&u.block[at], len(s))
}

// unique is str for a text that is not met again (a block's address: a
// plan's resources are most of its blocks, and each has its own): a copy
// made already (by str) is shared, a new one is not recorded.
func (u *unsharer) unique(s *string) {
	if !u.inSrc(*s) {
		return
	}
	if t, ok := u.seen[*s]; ok {
		*s = t
		return
	}
	*s = u.clone(*s)
}

// recentSlot is the slot of s in unsharer.recent (s is not empty).
func recentSlot(s string) int {
	return (len(s) + 31*int(s[0]) + 7*int(s[len(s)-1]) + 3*int(s[len(s)/2])) & 63
}

func (u *unsharer) value(v *iam.Value) { u.str(&v.Text) }

func (u *unsharer) values(vs []iam.Value) {
	for i := range vs {
		u.str(&vs[i].Text)
	}
}

func (u *unsharer) principals(ps []iam.Principal) {
	for i := range ps {
		u.str(&ps[i].Type.Text)
		u.str(&ps[i].ID.Text)
	}
}

func (u *unsharer) related(rs []iam.Related) {
	for i := range rs {
		u.str(&rs[i].Message)
	}
}

func (u *unsharer) statement(s *iam.Statement) {
	if s == nil {
		return
	}
	s.EditSidText(u.str)
	u.values(s.Actions)
	u.values(s.Resources)
	if sc := s.Scope; sc != nil {
		u.principals(sc.Principals)
		for i := range sc.Conditions {
			c := &sc.Conditions[i]
			u.str(&c.Operator.Text)
			u.str(&c.Key.Text)
			u.values(c.Values)
		}
	}
	if e := s.Extra; e != nil {
		u.values(e.NotActions)
		u.values(e.NotResources)
		u.principals(e.NotPrincipals)
		u.values(e.Unrecognized)
	}
}

func (u *unsharer) document(d *iam.Document) {
	if d == nil {
		return
	}
	k := string(d.Kind)
	u.str(&k)
	d.Kind = iam.Kind(k)
	u.str(&d.Address)
	u.str(&d.ResourceType)
	u.str(&d.Attribute)
	u.str(&d.PolicyName)
	u.str(&d.PolicyPath)
	if !d.TextsOwned() {
		// A parsed policy's statements hold no text of the input
		// (iam.Document.TextsOwned): most documents of a big plan, whose
		// statements are most of the model (reading them is most of
		// the walk: a cache miss each).
		for _, s := range d.Statements {
			u.statement(s)
		}
	}
	u.related(d.Related)
	if e := d.Extra; e != nil {
		for _, s := range e.Merged {
			u.statement(s)
		}
		u.values(e.Unrecognized)
		u.values(e.Malformed)
		u.values(e.ParseErrors)
	}
}

func (u *unsharer) documents(ds []*iam.Document) {
	for _, d := range ds {
		u.document(d)
	}
}

// entity copies the texts of e and of what it holds; the entities it
// links to (groups, members, principals), its access keys and login
// profiles are in the graph's lists.
func (u *unsharer) entity(e *iam.Entity) {
	if e == nil {
		return
	}
	k := string(e.Kind)
	u.str(&k)
	e.Kind = iam.EntityKind(k)
	u.str(&e.Address)
	u.value(&e.Name)
	u.related(e.Related)
	u.documents(e.Inline)
	for _, a := range e.Attachments {
		u.attachment(a)
	}
	u.document(e.Trust)
	u.documents(e.Trusts)
	if e.Boundary != nil {
		u.value(e.Boundary)
	}
	u.documents(e.BoundaryPolicies)
}

func (u *unsharer) attachment(a *iam.Attachment) {
	if a == nil {
		return
	}
	u.value(&a.PolicyARN)
	u.document(a.Policy)
	u.documents(a.Policies)
	u.value(&a.PolicyName)
	u.str(&a.Address)
	u.str(&a.ResourceType)
	u.related(a.Related)
}

func (u *unsharer) accessKey(k *iam.AccessKey) {
	if k == nil {
		return
	}
	u.str(&k.Address)
	u.value(&k.Status)
	u.related(k.Related)
}

func (u *unsharer) login(l *iam.LoginProfile) {
	if l == nil {
		return
	}
	u.str(&l.Address)
	u.related(l.Related)
}

func (u *unsharer) model(m *iam.Model) {
	if m == nil {
		return
	}
	u.documents(m.Documents)
	g := m.Graph
	if g == nil {
		return
	}
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		for _, e := range es {
			u.entity(e)
		}
	}
	for _, ms := range g.Memberships {
		u.str(&ms.Address)
	}
	for _, in := range g.Inline {
		u.str(&in.Address)
		u.str(&in.ResourceType)
		u.documents(in.Documents)
		u.related(in.Related)
	}
	for _, a := range g.Attachments {
		u.attachment(a)
	}
	for _, k := range g.AccessKeys {
		u.accessKey(k)
	}
	for _, l := range g.LoginProfiles {
		u.login(l)
	}
	for _, pp := range g.PasswordPolicies {
		u.str(&pp.Address)
		u.related(pp.Related)
		if pp.Settings != nil {
			settings := make(map[string]iam.Setting, len(pp.Settings))
			for k, s := range pp.Settings {
				u.str(&k)
				u.value(&s.Value)
				settings[k] = s
			}
			pp.Settings = settings
		}
	}
	for _, s := range g.Secrets {
		u.str(&s.Kind)
		u.str(&s.Prefix)
		u.str(&s.Address)
		u.str(&s.Attribute)
	}
	for d, addrs := range g.Consumers {
		u.document(d)
		for i := range addrs {
			u.str(&addrs[i])
		}
	}
	for r, s := range g.Shapes {
		if u.inSrc(s) {
			u.str(&s)
			g.Shapes[r] = s
		}
	}
}

// result copies the module paths, directories and call chains and the
// file names of ev.
func (u *unsharer) result(ev *eval.Result) {
	for _, m := range ev.Modules {
		if m != nil {
			u.str(&m.Path)
			u.str(&m.Dir)
			u.related(m.CallChain)
		}
	}
	for i := range ev.Files {
		u.str(&ev.Files[i])
	}
}

func (u *unsharer) diags(ds hcl.Diagnostics) {
	for _, d := range ds {
		u.str(&d.Summary)
		u.str(&d.Detail)
		for _, r := range []*hcl.Range{d.Subject, d.Context} {
			if r != nil {
				u.str(&r.Filename)
			}
		}
		if a, ok := d.Extra.(noticeAddress); ok && u.inSrc(string(a)) {
			s := string(a)
			u.str(&s)
			d.Extra = noticeAddress(s)
		}
	}
}

// run copies what the steps after the merge read of r's plan.
func (u *unsharer) run(r *planRun) {
	p := r.p
	u.str(&p.FormatVersion)
	u.str(&p.TerraformVersion)
	for i := range p.SensitiveVariables {
		u.str(&p.SensitiveVariables[i])
	}
	// Only hideSensitiveVariables reads the variables after the merge:
	// it gets their strings (copied), not the values.
	r.varSecrets = sensitiveVariableStrings(p)
	for i := range r.varSecrets {
		u.str(&r.varSecrets[i])
	}
	r.varSecretsSet = true
	p.Variables = nil
	u.strMap(&r.unknownLists)
	u.strMap(&r.listed)
	if r.consumes != nil {
		c := make(map[string][]string, len(r.consumes))
		for k, v := range r.consumes {
			u.str(&k)
			for i := range v {
				u.str(&v[i])
			}
			c[k] = v
		}
		r.consumes = c
	}
}

// strMap copies the keys of a map of sets.
func (u *unsharer) strMap(m *map[string]map[string]bool) {
	if *m == nil {
		return
	}
	out := make(map[string]map[string]bool, len(*m))
	for k, set := range *m {
		u.str(&k)
		s := make(map[string]bool, len(set))
		for a, v := range set {
			u.str(&a)
			s[a] = v
		}
		out[k] = s
	}
	*m = out
}

// planFileChanged is the error for a plan file that changed between its
// reading and a later read of the steps after the rules.
func planFileChanged(name string, why string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Plan file changed while linted",
		Detail:  fmt.Sprintf("%s changed while it was linted (%s): its findings' fingerprints and quoted text may not match; lint it again.", name, why),
		Subject: &hcl.Range{Filename: name}}
}

// readAgain reads d's file whole, and checks that it has the bytes read
// first.
func (d *droppedPlan) readAgain() ([]byte, error) {
	f, err := os.Open(d.path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	buf := make([]byte, d.size+1)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	buf = buf[:n]
	if int64(n) != d.size {
		return nil, fmt.Errorf("its size is now %d bytes, not %d", n, d.size)
	}
	if crc32.Checksum(buf, castagnoli) != d.sum {
		return nil, fmt.Errorf("its bytes are not those read")
	}
	return buf, nil
}

// sparseText is the text of some ranges of a file: spans (disjoint, by
// start) and their bytes.
type sparseText struct {
	starts []int
	spans  [][]byte
}

// bytes returns the text of [a, b), or nil when no span holds it.
func (t *sparseText) bytes(a, b int) []byte {
	if t == nil || a < 0 || b < a {
		return nil
	}
	i := sort.SearchInts(t.starts, a+1) - 1
	if i < 0 || b-t.starts[i] > len(t.spans[i]) {
		return nil
	}
	return t.spans[i][a-t.starts[i] : b-t.starts[i]]
}

// readRanges reads the text of ranges (byte offsets [start, end)) of d's
// file: their union, span by span, from one pass over the file (which
// also checks that it has the bytes read first).
func (d *droppedPlan) readRanges(ranges [][2]int) (*sparseText, error) {
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	// The spans are merged in place: ranges is readRanges' own (as many
	// spans as ranges, grown by appends, were 18 MB of garbage on a 200 MB
	// plan).
	spans := ranges[:0]
	for _, r := range ranges {
		if r[0] < 0 || r[1] < r[0] || int64(r[1]) > d.size {
			continue
		}
		if n := len(spans); n > 0 && r[0] <= spans[n-1][1] {
			spans[n-1][1] = max(spans[n-1][1], r[1])
			continue
		}
		spans = append(spans, r)
	}
	f, err := os.Open(d.path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	t := &sparseText{starts: make([]int, len(spans)), spans: make([][]byte, len(spans))}
	total := 0
	for _, s := range spans {
		total += s[1] - s[0]
	}
	all := make([]byte, 0, total)
	for i, s := range spans {
		t.starts[i] = s[0]
		t.spans[i] = all[len(all) : len(all)+s[1]-s[0] : len(all)+s[1]-s[0]]
		all = all[:len(all)+s[1]-s[0]]
	}
	// One pass over the file, a chunk at a time: the CRC of every byte, and
	// the bytes of the spans copied out.
	const chunk = 1 << 20
	buf := make([]byte, chunk)
	crc := uint32(0)
	off, k := 0, 0
	for {
		n, err := io.ReadFull(f, buf)
		b := buf[:n]
		crc = crc32.Update(crc, castagnoli, b)
		end := off + n
		for j := k; j < len(spans) && spans[j][0] < end; j++ {
			a, z := max(spans[j][0], off), min(spans[j][1], end)
			if a < z {
				copy(t.spans[j][a-spans[j][0]:], b[a-off:z-off])
			}
		}
		for k < len(spans) && spans[k][1] <= end {
			k++
		}
		off = end
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(off) != d.size {
		return t, fmt.Errorf("its size is now %d bytes, not %d", off, d.size)
	}
	if crc != d.sum {
		return t, fmt.Errorf("its bytes are not those read")
	}
	return t, nil
}

// maskSensitive returns src with the bytes of ranges (disjoint, by start)
// masked: one '*' per character (code point), as the columns count them,
// so the text report's caret stays under its element after a masked
// non-ASCII value; line endings are kept.
func maskSensitive(src []byte, ranges [][2]int) []byte {
	return maskSensitiveInPlace(append([]byte{}, src...), ranges)
}

// maskSensitiveInPlace is maskSensitive writing into src (its result
// shares src's bytes; src is not to be read after).
func maskSensitiveInPlace(src []byte, ranges [][2]int) []byte {
	w, prev := 0, 0 // the next byte written, read: w <= prev
	for _, r := range ranges {
		a, b := max(r[0], prev), min(r[1], len(src))
		if a >= b {
			continue
		}
		if w == prev {
			w = a // nothing to move
		} else {
			w += copy(src[w:], src[prev:a])
		}
		for i := a; i < b; {
			c, size := src[i], 1
			if c >= utf8.RuneSelf {
				_, size = utf8.DecodeRune(src[i:b])
			}
			if c != '\n' && c != '\r' {
				c = '*'
			}
			src[w] = c // w <= i: what is read next is not yet written
			w++
			i += size
		}
		prev = b
	}
	if w == prev {
		return src
	}
	w += copy(src[w:], src[prev:])
	return src[:w]
}

// droppedTexts is what finish reads of the plans whose bytes were dropped,
// by relative file name (as finish names files).
type droppedTexts struct {
	ranges map[string]*sparseText // the text of the findings' ranges
	runes  map[string]*runeIndex  // of the plans with non-ASCII text
}

func (t *droppedTexts) rangeTexts() map[string]*sparseText {
	if t == nil {
		return nil
	}
	return t.ranges
}

func (t *droppedTexts) runeIndexes() map[string]*runeIndex {
	if t == nil {
		return nil
	}
	return t.runes
}

// readFindingRanges starts reading, on another CPU, the text of the
// ranges of findings in the plans whose bytes were dropped (a pass over
// each file: about 0.1-0.25 s for 200 MB), while finish deduplicates and
// sorts the findings; the function returned waits for them (call it
// once), and returns an error for a plan file that changed since it was
// read. The ranges are taken now: findings may change once it returns.
// It returns nil when no plan was dropped.
func readFindingRanges(findings []Finding, dropped []*droppedPlan) func() (*droppedTexts, hcl.Diagnostics) {
	if len(dropped) == 0 {
		return nil
	}
	byName := make(map[string][][2]int, len(dropped))
	for _, d := range dropped {
		byName[d.run.name] = nil
	}
	// Counted first, then listed in lists of their exact size (grown by
	// appends, the lists of a 200 MB plan's 212,000 findings left 18 MB
	// of garbage).
	counts := make(map[string]int, len(dropped))
	last, lastIn := "", false
	for i := range findings {
		name := findings[i].Range.Filename
		if i == 0 || name != last {
			_, lastIn = byName[name]
			last = name
		}
		if lastIn {
			counts[name]++
		}
	}
	for name, n := range counts {
		byName[name] = make([][2]int, 0, n)
	}
	for i := range findings {
		r := &findings[i].Range
		if rs, ok := byName[r.Filename]; ok {
			byName[r.Filename] = append(rs, [2]int{r.Start.Byte, r.End.Byte})
		}
	}
	var texts *droppedTexts
	var diags hcl.Diagnostics
	wait := goCatch(func() { texts, diags = readDroppedRanges(byName, dropped) })
	return func() (*droppedTexts, hcl.Diagnostics) {
		wait()
		return texts, diags
	}
}

// readDroppedRanges reads the ranges of byName (by plan name) of the
// dropped plans (see readFindingRanges).
func readDroppedRanges(byName map[string][][2]int, dropped []*droppedPlan) (*droppedTexts, hcl.Diagnostics) {
	cwd, _ := os.Getwd()
	out := make(map[string]*sparseText, len(dropped))
	texts := &droppedTexts{ranges: out, runes: map[string]*runeIndex{}}
	var diags hcl.Diagnostics
	for _, d := range dropped {
		if d.runes != nil {
			texts.runes[relName(d.run.name, cwd)] = d.runes
		}
		rs := byName[d.run.name]
		if len(rs) == 0 {
			continue
		}
		t, err := d.readRanges(rs)
		if err != nil {
			diags = append(diags, planFileChanged(d.run.name, err.Error()))
		}
		if t != nil {
			out[relName(d.run.name, cwd)] = t
		}
	}
	return texts, diags
}

// readBackShare: a dropped plan is read again only when it takes at most
// this share of the address space left under a limit on it (the heap
// maps its size rounded up to 64 MB arenas, and its own metadata).
const readBackShare = 2

// readDroppedSources puts the text of the plans whose bytes were dropped
// into res.Sources (read again, its sensitive values masked as
// hideSensitive masks the sources it has), or an error in res when a plan
// file changed since it was read.
func readDroppedSources(res *Result, dropped []*droppedPlan) {
	cwd, _ := os.Getwd()
	for _, d := range dropped {
		if left, ok := addressSpaceLeft(); ok && d.size > left/readBackShare {
			// The heap keeps the address space the model took: under
			// ulimit -v 4000000, a plan of 1,000,000 roles (750 MB) read
			// again after its 2.1 GB peak ended in the runtime's fatal
			// "out of memory" (exit 2, a Go stack).
			name := relName(d.run.name, cwd)
			res.Notices = sortNotices(append(res.Notices, Notice{File: name, Message: fmt.Sprintf(
				"Plan text not quoted: %s (%d MB) is not read again to quote the lines of its findings: %d MB of address space are left under the limit on it (ulimit -v). Its findings are located and fingerprinted all the same; --format json quotes no line.",
				name, d.size>>20, max(left, 0)>>20)}))
			res.Summary.Notices = len(res.Notices)
			continue
		}
		src, err := d.readAgain()
		if err != nil {
			// Told once: finish already told a change it saw.
			e := planFileChanged(d.run.name, err.Error())
			msg := diagMessage(e)
			name := relName(d.run.name, cwd)
			seen := false
			for _, x := range res.Errors {
				if x.File == name && x.Message == msg {
					seen = true
				}
			}
			if !seen {
				res.Errors = append(res.Errors, Error{File: name, Message: msg})
				res.Errors = sortErrors(res.Errors)
				res.Summary.Errors = len(res.Errors)
			}
			continue
		}
		name := relName(d.run.name, cwd)
		if ranges := planMasks(res, d.run, name, src); len(ranges) > 0 {
			// In place: src is read for this alone (a second copy of
			// the plan, 366 MB for 1M resources, is not needed).
			src = maskSensitiveInPlace(src, ranges)
		}
		res.Sources[name] = src
	}
}

// runeIndex is what the code point columns of positions in a text need of
// it (see textpos.Convert), without the text: where its lines start and
// where its multi-byte characters are. It is kept for a dropped plan with
// non-ASCII text that is valid UTF-8 (an ASCII plan needs none: its
// columns are its byte columns).
type runeIndex struct {
	size  int
	bom   int      // 3 after a byte order mark
	ascii int      // the length of the ASCII prefix
	nl    []uint32 // the offsets of the line feeds
	runes []uint32 // the offsets of the characters of 2 bytes or more
	// less[i] is what the characters before runes[i] take in bytes more
	// than one each, and less[len(runes)] all of them.
	less []uint32
}

// maxRuneIndex is the most a runeIndex may take, in times the text's size
// (beyond, the text is kept: a plan of mostly non-ASCII text).
const maxRuneIndex = 1.0 / 16

// newRuneIndex returns the index of src, or nil when src is not valid
// UTF-8, is bigger than an offset of 32 bits, or its index would take more
// than maxRuneIndex of its size.
func newRuneIndex(src []byte) *runeIndex {
	return newRuneIndexLimit(src, maxRuneIndex)
}

// newRuneIndexLimit is newRuneIndex with the most the index may take, in
// times the text's size.
func newRuneIndexLimit(src []byte, most float64) *runeIndex {
	if int64(len(src)) >= 1<<32-1 || !utf8.Valid(src) {
		return nil
	}
	ix := &runeIndex{size: len(src), ascii: asciiLen(src)}
	if len(src) >= 3 && src[0] == 0xef && src[1] == 0xbb && src[2] == 0xbf {
		ix.bom = 3
	}
	limit := int(min(float64(len(src))*most/4, 1<<62))
	less := uint32(0)
	for i := 0; i < len(src); {
		if i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
			// No line feed among 8 ASCII bytes is the common case.
			w := binary.LittleEndian.Uint64(src[i:]) ^ 0x0a0a0a0a0a0a0a0a
			if (w-0x0101010101010101)&^w&0x8080808080808080 == 0 {
				i += 8
				continue
			}
		}
		c := src[i]
		switch {
		case c == '\n':
			ix.nl = append(ix.nl, uint32(i))
			i++
		case c < utf8.RuneSelf:
			i++
		default:
			_, size := utf8.DecodeRune(src[i:])
			ix.runes = append(ix.runes, uint32(i))
			ix.less = append(ix.less, less)
			less += uint32(size - 1)
			i += size
		}
		if len(ix.nl)+2*len(ix.runes) > limit {
			return nil
		}
	}
	ix.less = append(ix.less, less)
	return ix
}

// runeCount is utf8.RuneCount of the text's bytes [a, t): one a byte but
// for the characters wholly inside, one each (a character cut by t counts
// a byte each, as the decoder takes them).
func (ix *runeIndex) runeCount(a, t int) int {
	i := sort.Search(len(ix.runes), func(i int) bool { return int(ix.runes[i]) >= a })
	// The characters from runes[i] on that end by t.
	j := sort.Search(len(ix.runes), func(j int) bool { return int(ix.runes[j]) >= t }) // first starting at or after t
	n := t - a - int(ix.less[j]-ix.less[i])
	if j > i {
		// The last one starting before t may end after it: then its bytes
		// before t count one each.
		k := j - 1
		end := int(ix.runes[k]) + 1 + int(ix.less[k+1]-ix.less[k])
		if end > t {
			n += int(ix.less[k+1] - ix.less[k])
		}
	}
	return n
}

// convert is textpos.Convert for the text ix indexes: it sets the columns
// of ps to code points, and reports whether one changed.
func (ix *runeIndex) convert(ps []*hcl.Pos) (changed bool) {
	for _, p := range ps {
		t := p.Byte
		if t <= ix.ascii || t < ix.bom || t > ix.size {
			continue
		}
		k := sort.Search(len(ix.nl), func(k int) bool { return int(ix.nl[k]) >= t }) // the line feeds before t
		line, lineStart := 1+k, ix.bom
		if k > 0 {
			lineStart = int(ix.nl[k-1]) + 1
		}
		col := 1 + ix.runeCount(lineStart, t)
		raw := lineStart // the byte column counts a BOM
		if line == 1 {
			raw = 0
		}
		if p.Line == line && p.Column >= 1 && p.Column <= t-raw+1 && p.Column != col {
			p.Column = col
			changed = true
		}
	}
	return changed
}
