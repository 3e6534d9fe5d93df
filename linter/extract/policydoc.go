package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// policyDoc is a data "aws_iam_policy_document" instance, built once: one
// kind-less Document per branch of the conditionals in its body.
type policyDoc struct {
	variants []*iam.Document
	busy     bool
}

// mstmt is a statement while documents are merged; foreign statements belong
// to another data document (a source or override by reference), are
// reported there, and are dropped from this one after merging.
type mstmt struct {
	st      *iam.Statement
	foreign bool
}

func sidOf(s *iam.Statement) string {
	if sid := s.Sid(); sid.Known {
		return sid.Text
	}
	return ""
}

// mergeBySid merges statements the way the provider does: one with a Sid
// replaces the statement with the same Sid, others are appended.
func mergeBySid(into []mstmt, add []mstmt) []mstmt {
	return mergeSid(into, add, func(m mstmt) string { return sidOf(m.st) })
}

// mergeSid is mergeBySid for statements whose Sid is sid(s) ("" for none),
// also rDoc.merge's.
//
// Past a few statements the first statement of each Sid is looked up in a
// map (a document of 20,000 statements with Sids, a dynamic block over a
// set, compared each with all those before it: 6 s).
func mergeSid[T any](into, add []T, sid func(T) string) []T {
	var at map[string]int // Sid -> index of the first statement of into with it
	if len(into)+len(add) > 16 {
		at = make(map[string]int, len(into)+len(add))
		for i := range into {
			if s := sid(into[i]); s != "" {
				if _, ok := at[s]; !ok {
					at[s] = i
				}
			}
		}
	}
	for _, a := range add {
		s := sid(a)
		if s != "" {
			i, ok := -1, false
			if at != nil {
				i, ok = at[s]
			} else {
				for j := range into {
					if sid(into[j]) == s {
						i, ok = j, true
						break
					}
				}
			}
			if ok {
				into[i] = a // (with the same Sid: at stays right)
				continue
			}
		}
		into = append(into, a)
		if at != nil && s != "" {
			at[s] = len(into) - 1 // (not there, else it was replaced)
		}
	}
	return into
}

func (x *extractor) policyDoc(b *eval.Block) *policyDoc {
	if pd := x.built[b]; pd != nil {
		return pd
	}
	if x.unreadDocs[b] {
		// Past the bound of the values read (budget.go): not read.
		d := unreadDoc(b.Range, "")
		d.Address, d.ResourceType, d.Attribute, d.Related = b.Address, policyDocumentType, "json", related(b)
		pd := &policyDoc{variants: []*iam.Document{d}}
		x.built[b] = pd
		return pd
	}
	pd := &policyDoc{busy: true}
	x.built[b] = pd
	pd.variants = variants(func(ch *choices) *iam.Document { return x.buildPolicyDoc(b, ch) })
	pd.busy = false
	return pd
}

func (x *extractor) buildPolicyDoc(b *eval.Block, ch *choices) *iam.Document {
	body := ch.r(b.Body)
	d := &iam.Document{Address: b.Address, ResourceType: policyDocumentType, Attribute: "json", Range: iam.MakeRange(b.Range), Related: related(b)}
	if isNull(body) {
		d.Unknown = true
		return d
	}
	if !isKnown(body.Val) && !body.IsObject() {
		d.Unknown = true
		return d
	}

	d.SetVersion(iam.KnownValue("2012-10-17", b.Range))
	if vn := ch.r(body.Get("version")); !isNull(vn) {
		x.shapeOK(vn, "version", wantString)
		d.SetVersion(x.value(vn, false))
	}
	upgrade := func(v iam.Value) {
		if v.Known && d.Version().Known && v.Text > d.Version().Text {
			d.SetVersion(v)
		}
	}

	// As the provider: source_json, source_policy_documents, the
	// statements, override_policy_documents, override_json.
	// The provider refuses a Sid that source_json and the
	// source_policy_documents hold twice, as one that two statement blocks
	// hold (sids): terraform plan fails. Merged by Sid, the second
	// replaced the first without a word (an Allow of "*" hidden behind
	// an s3:ListBucket of the same Sid): each is linted, and an error says
	// why the document does not work.
	srcSids := map[string]bool{}
	merged := x.mergeSources(b, nil, body.Get("source_json"), false, ch, d, upgrade, srcSids)
	merged = x.mergeSources(b, merged, body.Get("source_policy_documents"), true, ch, d, upgrade, srcSids)

	var own []mstmt
	stmts := ch.r(body.Get("statement"))
	if !isNull(stmts) && !isKnown(stmts.Val) && len(stmts.Elems) == 0 {
		d.Unknown = true
	}
	values := 0
	var dups []mstmt // statements whose Sid one before them holds
	sids := map[string]bool{}
	blocks := x.blocksOf(stmts, ch, "statement")
	for i, sn := range blocks {
		if values > maxDocValues {
			// Statements sharing one list (dynamic "statement" blocks
			// whose content names a local of 90,000 actions, a thousand
			// times) are not read past the bound: the document is
			// unknown past them, and said to be.
			x.diags = append(x.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Policy too large",
				Detail:  fmt.Sprintf("The statements of this policy document hold more than %d values (actions, resources, principals, condition values) in their first %d, far past what AWS accepts in a policy; its %d statements from there on are not read, and the document is linted as unknown past them.", maxDocValues, i, len(blocks)-i),
				Subject: b.Range.Ptr()})
			d.Unknown = true
			break
		}
		if !isKnown(sn.Val) && !sn.IsObject() {
			d.Unknown = true // a statement not known before apply (a dynamic block over an unknown for_each)
		}
		if !x.statementShapesOK(sn, ch) {
			continue
		}
		st := x.statement(sn, ch)
		values += statementValues(st)
		if sid := sidOf(st); sid != "" {
			if sids[sid] {
				x.duplicateSid(st, fmt.Sprintf("Another statement block of this aws_iam_policy_document has Sid %q: the AWS provider refuses the document (\"duplicate Sid (%s)\"), and terraform plan fails. Give each statement its own Sid, or none. Both statements are linted.", sid, sid))
				dups = append(dups, mstmt{st: st})
				continue
			}
			sids[sid] = true
		}
		own = append(own, mstmt{st: st})
	}
	merged = mergeBySid(merged, own)
	merged = append(merged, dups...)

	merged = x.mergeDocs(b, merged, body.Get("override_policy_documents"), ch, d, upgrade)
	merged = x.mergeDoc(b, merged, body.Get("override_json"), ch, d, upgrade)

	all := make([]*iam.Statement, 0, len(merged))
	for _, m := range merged {
		if !m.foreign {
			d.Statements = append(d.Statements, m.st)
		}
		all = append(all, m.st)
	}
	if len(all) != len(d.Statements) && !x.spendMerged(len(all), b) {
		// Past the bound, a document that merges others is unknown, and
		// those merging it take only its own statements. What it merged
		// may still reach AWS: judged on the documents it came from.
		d.Unknown = true
		for _, st := range all {
			x.survives[st] = true
		}
		all = d.Statements
	}
	x.full[d] = all
	if len(all) != len(d.Statements) {
		d.MutableExtra().Merged = all
	}
	if r := renderOf(b, body); isKnown(r) {
		if mj := r.GetAttr("minified_json"); isKnown(mj) {
			d.Size = len(mj.AsString())
		}
	}
	return d
}

// maxDocValues bounds the values (of actions, resources, principals and
// conditions) of the statements buildPolicyDoc reads of one
// aws_iam_policy_document: AWS accepts policies of at most a few tens of
// kilobytes, a few thousand values. Statements sharing one list (a dynamic
// statement block whose content names a local of 90,000 actions, a
// thousand times: 90 million values from a 13-line file) made the model
// and the rules' work unbounded.
const maxDocValues = 100_000

// statementValues counts the values of st's actions, resources,
// principals and condition values (maxDocValues).
func statementValues(st *iam.Statement) int {
	n := len(st.Actions) + len(st.Resources) + len(st.NotActions()) + len(st.NotResources()) + len(st.Principals()) + len(st.NotPrincipals())
	for _, c := range st.Conditions() {
		n += len(c.Values)
	}
	return n
}

// maxMergedStatements bounds the statements of the merged lists of the
// documents that merge others (source_ and override_policy_documents), all
// together: each list holds what its sources merged too, so a chain of n
// documents, each a source of the next, holds n²/2 (20,000 documents, a
// 3.6 MB file: over 6 GB). Far above real configurations.
const maxMergedStatements = 1_000_000

// spendMerged counts n more merged statements for block b; false (with one
// error per extraction) once they are more than maxMergedStatements.
func (x *extractor) spendMerged(n int, b *eval.Block) bool {
	if x.merged > maxMergedStatements {
		return false
	}
	if x.merged += n; x.merged <= maxMergedStatements {
		return true
	}
	x.diags = append(x.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Policy documents merge too much",
		Detail:  fmt.Sprintf("The policy documents that merge others (source_policy_documents, override_policy_documents) hold more than %d statements in all, counting what each merges; this one and those merging it are unknown.", maxMergedStatements),
		Subject: b.Range.Ptr()})
	return false
}

// duplicateSid reports a statement whose Sid another statement of the
// document holds, where the provider refuses it, at its Sid.
func (x *extractor) duplicateSid(st *iam.Statement, detail string) {
	at := st.Sid().Range
	if at.IsZero() {
		at = st.Range
	}
	x.diags = append(x.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate Sid", Detail: detail, Subject: at.Ptr()})
}

// mergeSources merges source_json (list false) or the documents of
// source_policy_documents (list true) into merged as the provider does: in
// order, each statement appended; sids holds the Sids merged so far, and a
// source_policy_documents statement with one of them is reported
// (duplicateSid), not merged in place of the first.
func (x *extractor) mergeSources(b *eval.Block, merged []mstmt, n *eval.Node, list bool, ch *choices, d *iam.Document, upgrade func(iam.Value), sids map[string]bool) []mstmt {
	add := func(e *eval.Node, check bool) {
		mine := map[string]bool{}
		for _, m := range x.docStatements(b, e, ch, d, upgrade) {
			if sid := sidOf(m.st); sid != "" {
				// (Twice in another aws_iam_policy_document: reported there.)
				if check && sids[sid] && !(m.foreign && mine[sid]) {
					x.duplicateSid(m.st, fmt.Sprintf("Another statement of source_json or source_policy_documents has Sid %q: the AWS provider refuses the document (\"duplicate SID (%s) in source_policy_documents\"), and terraform plan fails. Give each statement its own Sid, or none. Both statements are linted.", sid, sid))
				}
				sids[sid], mine[sid] = true, true
			}
			merged = append(merged, m)
		}
	}
	if !list {
		add(n, false)
		return merged
	}
	for _, e := range x.listElems(n, ch, d) {
		add(e, true)
	}
	return merged
}

// mergeDocs merges the documents of a source_ or override_policy_documents
// list into merged: a reference to another data document contributes its
// statements as foreign (they are judged on that document, which takes this
// one's kinds), any other JSON string contributes its own located statements.
func (x *extractor) mergeDocs(b *eval.Block, merged []mstmt, list *eval.Node, ch *choices, d *iam.Document, upgrade func(iam.Value)) []mstmt {
	for _, e := range x.listElems(list, ch, d) {
		merged = x.mergeDoc(b, merged, e, ch, d, upgrade)
	}
	return merged
}

// listElems returns the elements of a source_ or override_policy_documents
// list (none when null; d unknown when the list is).
func (x *extractor) listElems(list *eval.Node, ch *choices, d *iam.Document) []*eval.Node {
	list = ch.r(list)
	if isNull(list) {
		return nil
	}
	if !isKnown(list.Val) && len(list.Elems) == 0 {
		d.Unknown = true
		return nil
	}
	var elems []*eval.Node
	if len(list.Elems) > 0 {
		elems = list.Elems
	} else if list.Val.CanIterateElements() {
		for i := 0; i < list.Val.LengthInt(); i++ {
			elems = append(elems, list.Index(i))
		}
	}
	return elems
}

// mergeDoc merges one document e (an element of a source_ or
// override_policy_documents list, or source_json / override_json; nothing
// when null or "", as the provider's GetOk) into merged (see mergeDocs).
func (x *extractor) mergeDoc(b *eval.Block, merged []mstmt, e *eval.Node, ch *choices, d *iam.Document, upgrade func(iam.Value)) []mstmt {
	return mergeBySid(merged, x.docStatements(b, e, ch, d, upgrade))
}

// docStatements returns the statements of one document e that mergeDoc
// merges (see mergeDocs).
func (x *extractor) docStatements(b *eval.Block, e *eval.Node, ch *choices, d *iam.Document, upgrade func(iam.Value)) []mstmt {
	e = ch.r(e)
	if isNull(e) || (isKnown(e.Val) && e.Val.Type() == cty.String && e.Val.AsString() == "") {
		return nil
	}
	ref := x.docRef(e)
	var pd *policyDoc
	if ref != nil && ref != b {
		if pd = x.built[ref]; pd == nil {
			pd = x.policyDoc(ref)
		}
		if pd.busy || len(pd.variants) == 0 {
			if e.RefTo() != nil {
				d.Unknown = true // a reference cycle
				return nil
			}
			pd = nil // matched by text only: judge the text here
		}
	}
	if pd != nil {
		x.parts[ref] = appendOnce(x.parts[ref], b)
		sd := pd.variants[0]
		upgrade(sd.Version())
		if sd.Unknown {
			d.Unknown = true
		}
		stmts := sd.Statements
		if f, ok := x.full[sd]; ok {
			stmts = f // with what it merged itself, so that an override here replaces it
		}
		var add []mstmt
		for _, s := range stmts {
			add = append(add, mstmt{st: s, foreign: true})
		}
		return add
	}
	sd, diags := x.fromNode(e, ch, "")
	x.diags = append(x.diags, diags...)
	if sd == nil {
		return nil
	}
	upgrade(sd.Version())
	if sd.Unknown {
		d.Unknown = true
	}
	var add []mstmt
	for _, s := range sd.Statements {
		add = append(add, mstmt{st: s})
	}
	return add
}

func appendOnce(l []*eval.Block, b *eval.Block) []*eval.Block {
	if slices.Contains(l, b) {
		return l
	}
	return append(l, b)
}

// header is where a finding about a block or attribute points: its name.
func header(n *eval.Node) hcl.Range {
	if n.NameRange().Filename != "" {
		return n.NameRange()
	}
	return n.Range
}

// statement builds one statement block.
func (x *extractor) statement(sn *eval.Node, ch *choices) *iam.Statement {
	st := &iam.Statement{Range: iam.MakeRange(sn.Range)}
	if !isKnown(sn.Val) && !sn.IsObject() {
		// A statement we cannot see into: unknown actions and resources.
		u := iam.UnknownValue(sn.Range)
		st.SetSid(u)
		st.SetEffect(u)
		st.Actions = []iam.Value{u}
		st.Resources = []iam.Value{u}
		st.Action = iam.Element{Present: true, Range: iam.MakeRange(header(sn))}
		st.Resource = iam.Element{Present: true, Range: iam.MakeRange(header(sn))}
		// Principals too may be there (a resource or trust policy): unknown,
		// never taken for absent.
		st.Scope = &iam.StatementScope{Principals: []iam.Principal{{Type: u, ID: u}},
			Principal: iam.Element{Present: true, Range: iam.MakeRange(header(sn))}}
		return st
	}
	st.SetSid(iam.KnownValue("", header(sn)))
	if n := ch.r(sn.Get("sid")); !isNull(n) {
		st.SetSid(x.value(n, false))
	}
	st.SetEffect(iam.KnownValue("Allow", header(sn)))
	if n := ch.r(sn.Get("effect")); !isNull(n) {
		st.SetEffect(x.value(n, false))
	}
	var ex iam.StatementExtra
	st.Actions, st.Action = x.strings(sn.Get("actions"), ch, false, true)
	ex.NotActions, ex.NotAction = x.strings(sn.Get("not_actions"), ch, false, true)
	st.Resources, st.Resource = x.strings(sn.Get("resources"), ch, true, true)
	ex.NotResources, ex.NotResource = x.strings(sn.Get("not_resources"), ch, true, true)
	var sc iam.StatementScope
	sc.Principals, sc.Principal = x.principals(sn.Get("principals"), ch, "principals")
	ex.NotPrincipals, ex.NotPrincipal = x.principals(sn.Get("not_principals"), ch, "not_principals")
	st.SetExtra(ex)
	sc.Conditions, sc.Condition = x.conditionBlocks(sn.Get("condition"), ch, "test", "variable", func(cb *eval.Node) []iam.Value {
		vs, _ := x.strings(cb.Get("values"), ch, true, false)
		return vs
	})
	st.SetScope(sc)
	return st
}

// conditionBlocks reads the condition blocks n (of a policy document's
// statement, of an aws_cloudwatch_event_permission): the operator from
// attribute opAttr, the key from keyAttr, the values with values; a block
// that cannot be seen into is a condition all unknown. The element is
// ranged at the first block's name.
func (x *extractor) conditionBlocks(n *eval.Node, ch *choices, opAttr, keyAttr string, values func(cb *eval.Node) []iam.Value) ([]iam.Condition, iam.Element) {
	var cs []iam.Condition
	var el iam.Element
	for _, cb := range x.blocksOf(n, ch, "condition") {
		if !isKnown(cb.Val) && !cb.IsObject() {
			u := iam.UnknownValue(cb.Range)
			cs = append(cs, iam.Condition{Operator: u, Key: u, Values: []iam.Value{u}})
		} else {
			cs = append(cs, iam.Condition{Operator: x.attrValue(cb, opAttr, ch), Key: x.attrValue(cb, keyAttr, ch), Values: values(cb)})
		}
		if !el.Present {
			el = iam.Element{Present: true, Range: iam.MakeRange(header(n))}
			if cb.NameRange().Filename != "" {
				el.Range = iam.MakeRange(cb.NameRange())
			}
		}
	}
	return cs, el
}

// statementShapesOK reports whether the attributes of statement sn (and
// of its principals and conditions) that statement reads hold values of
// the types they must, with an error at each that does not: such a
// statement is not linted (effect = ["Allow"] was read as unknown,
// actions = {a = "*"} as nothing, in silence), and the error says so.
func (x *extractor) statementShapesOK(sn *eval.Node, ch *choices) bool {
	if !sn.IsObject() {
		return true // unknown (x.blocksOf told of the other values)
	}
	ok := true
	scalar := func(n *eval.Node, attr string) {
		if !x.shapeOK(ch.r(n), attr, wantString) {
			ok = false
		}
	}
	list := func(n *eval.Node, attr string) {
		n = ch.r(n)
		if !x.shapeOK(n, attr, wantList) {
			ok = false
			return
		}
		if isNull(n) {
			return
		}
		var items []*eval.Node
		switch v := n.Value(); {
		case len(n.Elems) > 0:
			items = n.Elems
		case isKnown(v) && !v.IsNull() && v.CanIterateElements():
			for i := 0; i < v.LengthInt(); i++ {
				items = append(items, n.Index(i))
			}
		}
		for _, it := range items {
			it = ch.r(it)
			// (a nested list is read as flattened: statement's strings)
			if is := wrongShape(it, wantList); is != "" && !strings.HasPrefix(is, "a number") && !strings.HasPrefix(is, "a bool") {
				x.diags = append(x.diags, shapeError(it, attr, wantString, is, true))
				ok = false
			}
		}
	}
	scalar(sn.Get("sid"), "sid")
	scalar(sn.Get("effect"), "effect")
	for _, a := range [...]string{"actions", "not_actions", "resources", "not_resources"} {
		list(sn.Get(a), a)
	}
	for _, a := range [...]string{"principals", "not_principals"} {
		for _, pb := range blocksOf(sn.Get(a), ch) {
			if pb.IsObject() {
				scalar(pb.Get("type"), "type")
				list(pb.Get("identifiers"), "identifiers")
			}
		}
	}
	for _, cb := range blocksOf(sn.Get("condition"), ch) {
		if cb.IsObject() {
			scalar(cb.Get("test"), "test")
			scalar(cb.Get("variable"), "variable")
			list(cb.Get("values"), "values")
		}
	}
	return ok
}

// shapeOK reports whether n may hold what want says, with an error at it
// when it may not.
func (x *extractor) shapeOK(n *eval.Node, attr string, want shapeWant) bool {
	if d := shapeDiag(n, attr, want, false); d != nil {
		x.diags = append(x.diags, d)
		return false
	}
	return true
}

// attrValue returns the string value of attribute k of block n (unknown at
// the block when it is absent: a required attribute).
func (x *extractor) attrValue(n *eval.Node, k string, ch *choices) iam.Value {
	c := ch.r(n.Get(k))
	if isNull(c) {
		return iam.UnknownValue(header(n))
	}
	return x.value(c, false)
}

// value turns a scalar node into a model value; "&{" becomes "${" when
// replaceVars is set, as the provider does for resources, principals and
// condition values.
func (x *extractor) value(n *eval.Node, replaceVars bool) iam.Value {
	s, ok := scalarText(n.Val)
	if !ok {
		v := iam.UnknownValue(n.Range)
		if n.PartialOf() != nil && !isKnown(n.Val) {
			partial := strings.ReplaceAll(n.PartialOf().Text, eval.UnknownMarker, iam.UnknownPart)
			if replaceVars {
				partial = varReplacer.Replace(partial)
			}
			v.SetPartial(partial)
		}
		return v
	}
	if replaceVars {
		s = varReplacer.Replace(s)
	}
	return iam.KnownValue(s, n.Range)
}

// seenText reports whether t is one of few, or in seen when it is not nil
// (which then holds few too).
func seenText(t string, few []string, seen map[string]bool) bool {
	if seen != nil {
		return seen[t]
	}
	for _, f := range few {
		if f == t {
			return true
		}
	}
	return false
}

// strings returns the elements of a list-of-strings attribute, each ranged at
// its element, and the element presence ranged at the attribute name. An
// unknown list is one unknown value; known duplicates are dropped when set
// is true (the provider's string sets).
func (x *extractor) strings(attr *eval.Node, ch *choices, replaceVars, set bool) ([]iam.Value, iam.Element) {
	n := ch.r(attr)
	if isNull(n) {
		return nil, iam.Element{}
	}
	el := iam.Element{Present: true, Range: iam.MakeRange(header(attr))}
	v := n.Val
	if !isKnown(v) && len(n.Elems) == 0 {
		return []iam.Value{iam.UnknownValue(n.Range)}, el
	}
	var items []*eval.Node
	switch {
	case len(n.Elems) > 0:
		items = n.Elems
	case v.CanIterateElements():
		for i := 0; i < v.LengthInt(); i++ {
			items = append(items, n.Index(i))
		}
	default:
		items = []*eval.Node{n}
	}
	out := make([]iam.Value, 0, len(items))
	// The known texts kept so far (set): a few in a list, a set beyond
	// (a map per list was most of the cost of short lists).
	var few [8]string
	nFew := 0
	var seen map[string]bool
	for _, it := range items {
		it = ch.r(it)
		if it == nil || (isKnown(it.Val) && it.Val.IsNull()) {
			continue
		}
		if isKnown(it.Val) && it.Val.CanIterateElements() {
			// A nested list (flatten left out): its elements, unknown when unknown.
			for i := 0; i < it.Val.LengthInt(); i++ {
				if e := it.Index(i); e != nil {
					out = append(out, x.value(e, replaceVars))
				}
			}
			continue
		}
		val := x.value(it, replaceVars)
		if set && val.Known {
			if seenText(val.Text, few[:nFew], seen) {
				continue
			}
			switch {
			case seen != nil:
				seen[val.Text] = true
			case nFew < len(few):
				few[nFew] = val.Text
				nFew++
			default:
				seen = make(map[string]bool, 2*len(few))
				for _, t := range few {
					seen[t] = true
				}
				seen[val.Text] = true
			}
		}
		out = append(out, val)
	}
	if len(out) == 0 {
		return nil, iam.Element{}
	}
	return out, el
}

// principals returns the principals of principals / not_principals blocks
// (what: which).
func (x *extractor) principals(blocks *eval.Node, ch *choices, what string) ([]iam.Principal, iam.Element) {
	var out []iam.Principal
	var el iam.Element
	for _, pb := range x.blocksOf(blocks, ch, what) {
		if !el.Present {
			el = iam.Element{Present: true, Range: iam.MakeRange(header(pb))}
		}
		if !isKnown(pb.Val) && !pb.IsObject() {
			u := iam.UnknownValue(pb.Range)
			out = append(out, iam.Principal{Type: u, ID: u})
			continue
		}
		typ := x.attrValue(pb, "type", ch)
		ids, _ := x.strings(pb.Get("identifiers"), ch, true, true)
		if len(ids) == 0 {
			continue
		}
		for _, id := range ids {
			out = append(out, iam.Principal{Type: typ, ID: id})
		}
	}
	if len(out) == 0 {
		return nil, iam.Element{}
	}
	return out, el
}
