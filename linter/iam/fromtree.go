package iam

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// FromTree builds a Document from a located JSON-like value: parsed policy
// JSON (ParseJSON) or a Tree adapted from an evaluated Terraform value.
//
// Element names (Version, Statement, Sid, Effect, Action, ...) are matched
// case-insensitively; null members are absent. Strings, numbers and bools are
// known values (numbers and bools with their text); TreeUnknown becomes an
// unknown Value, never a wildcard. An unknown policy, Statement list or
// statement sets Document.Unknown. A wrong shape (Statement a string, Action an
// object, ...) is reported as a warning and skipped: judging validity is the
// policy-invalid rule's job. FromTree never returns error diagnostics.
//
// The caller fills Address, ResourceType, Attribute and Related. Callers that
// build Statements themselves (aws_iam_policy_document blocks) need not go
// through FromTree at all: Document and Statement are plain structs.
func FromTree(t Tree, kind Kind) (*Document, hcl.Diagnostics) {
	// The statements and their lists are built in a scratch and packed
	// into the Document at the end, as FromJSONString does (see
	// fastScratch): a few allocations a document instead of a few a
	// statement, each of the exact size.
	b := &builder{sc: fastScratches.Get().(*fastScratch)}
	defer func() {
		b.sc.reset()
		fastScratches.Put(b.sc)
	}()
	d := &b.sc.docChunks.take(1)[0]
	d.Kind = kind
	if t == nil {
		d.Unknown = true
		return d, nil
	}
	d.Range = b.rng(t.Range())
	switch t.Kind() {
	case TreeUnknown:
		d.Unknown = true
		return d, nil
	case TreeObject:
	default:
		b.warn(t.Range(), "Policy is not a JSON object", fmt.Sprintf("A policy must be a JSON object with a Statement element, not %s.", kindName(t.Kind())))
		d.MutableExtra().Malformed = b.malformed
		return d, b.diags
	}
	if hasUnknownKey(t) {
		// An element whose name is known only after apply may be any
		// element: the policy cannot be judged.
		d.Unknown = true
		return d, nil
	}
	if v, _ := field(t, "Version"); v != nil {
		d.SetVersion(b.scalar(v, "Version"))
	}
	unrec := b.unrecognized(t, documentElements)
	st, _ := field(t, "Statement")
	switch {
	case st == nil:
		if len(unrec) == 0 { // else a misspelt "Statements" says it
			b.malformed = append(b.malformed, KnownValue("The policy has no Statement element.", t.Range()))
		}
	case st.Kind() == TreeUnknown:
		d.Unknown = true
	case st.Kind() == TreeObject && hasUnknownKey(st):
		d.Unknown = true
	case st.Kind() == TreeObject:
		b.statement(st)
	case st.Kind() == TreeArray:
		for i := 0; i < st.Len(); i++ {
			e := st.Elem(i)
			switch {
			case e == nil || e.Kind() == TreeNull:
			case e.Kind() == TreeUnknown:
				d.Unknown = true
			case e.Kind() == TreeObject && hasUnknownKey(e):
				d.Unknown = true
			case e.Kind() == TreeObject:
				b.statement(e)
			default:
				b.warn(e.Range(), "Invalid policy statement", fmt.Sprintf("A statement must be an object, not %s; it is ignored.", kindName(e.Kind())))
			}
		}
	default:
		b.warn(st.Range(), "Invalid policy Statement", fmt.Sprintf("Statement must be an object or an array of objects, not %s; it is ignored.", kindName(st.Kind())))
	}
	b.sc.pack(d)
	if !d.Unknown {
		if n, ok := sizeOf(t); ok {
			d.Size = n
		}
	}
	if unrec != nil || b.malformed != nil {
		d.Extra = &DocumentExtra{Unrecognized: unrec, Malformed: b.malformed}
	}
	return d, b.diags
}

type builder struct {
	diags     hcl.Diagnostics
	malformed []Value // Document.Malformed

	// sc holds the statements and their lists until FromTree packs them.
	sc *fastScratch

	files RangeMaker // the ranges' file ids
}

// rng is MakeRange(r) (see RangeMaker).
func (b *builder) rng(r hcl.Range) Range { return b.files.Make(r) }

// known is KnownValue(text, rng) through b.rng.
func (b *builder) known(text string, rng hcl.Range) Value {
	return Value{Text: text, Known: true, Range: b.rng(rng)}
}

// unknown is UnknownValue(rng) through b.rng.
func (b *builder) unknown(rng hcl.Range) Value { return Value{Range: b.rng(rng)} }

// warn records an element of the wrong JSON type, which IAM rejects: a
// diagnostic (a notice) and a Document.Malformed entry (policy-invalid).
func (b *builder) warn(rng hcl.Range, summary, detail string) {
	b.note(rng, summary, detail)
	b.malformed = append(b.malformed, KnownValue(detail, rng))
}

// note records a diagnostic only (the fault is in the model otherwise).
func (b *builder) note(rng hcl.Range, summary, detail string) {
	r := rng
	b.diags = append(b.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: &r})
}

// field finds an object member by case-insensitive name (an exact match
// first). Null members are absent. It returns the member and its name.
func field(t Tree, name string) (Tree, string) {
	if f := t.Field(name); f != nil {
		if f.Kind() == TreeNull {
			return nil, ""
		}
		return f, name
	}
	if n, ok := t.(*jsonNode); ok {
		// The same search over parsed JSON's members, without the slice
		// of keys (most statements lack most elements: this runs often).
		if n.kind != TreeObject {
			return nil, ""
		}
		for _, c := range n.members {
			if strings.EqualFold(c.key, name) {
				if c.kind == TreeNull {
					return nil, ""
				}
				return c, c.key
			}
		}
		return nil, ""
	}
	for _, k := range t.Keys() {
		if strings.EqualFold(k, name) {
			f := t.Field(k)
			if f == nil || f.Kind() == TreeNull {
				return nil, ""
			}
			return f, k
		}
	}
	return nil, ""
}

// Element names FromTree knows (compared case-insensitively, as field does).
var (
	documentElements  = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
		"Principal", "NotPrincipal", "Condition"}
)

// The index of each name in statementElements.
const (
	elemSid int8 = iota
	elemEffect
	elemAction
	elemNotAction
	elemResource
	elemNotResource
	elemPrincipal
	elemNotPrincipal
	elemCondition
)

// stmtElems is a statement object with, for each of its keys, the element
// name it matches (matchElement): one pass over the keys finds what field
// and unrecognized found comparing every key with every name (an EqualFold
// per key and element name, most of them absent, for every statement).
// The parsed JSON's tree (jsonNode) goes through field and unrecognized.
type stmtElems struct {
	t     Tree
	keys  []string
	match []int8 // per key, the index in statementElements it matches, -1 for none
	plain bool   // keys and match are set (t is not a jsonNode)
	// inKeys is set when t's Field finds an ASCII name only among its
	// keys (KeyedTree): an element name none of them is is not asked for.
	inKeys bool
}

// elements returns the stmtElems of statement t; its match slice is the
// scratch's (valid until the next call).
func (b *builder) elements(t Tree) stmtElems {
	o := stmtElems{t: t}
	if _, ok := t.(*jsonNode); ok {
		return o
	}
	o.plain = true
	if k, ok := t.(KeyedTree); ok {
		o.inKeys = k.FieldsInKeys()
	}
	o.keys = t.Keys()
	m := b.sc.match[:0]
	for _, k := range o.keys {
		m = append(m, matchElement(k, statementElements))
	}
	b.sc.match, o.match = m, m
	return o
}

// matchElement returns the index of the name of names that k matches
// case-insensitively (strings.EqualFold), -1 for none. The names are ASCII
// and no two of them match each other, so at most one matches k; an ASCII
// k can only match a name of its length.
func matchElement(k string, names []string) int8 {
	for j, n := range names {
		if k == n {
			return int8(j)
		}
	}
	ascii := true
	for i := 0; i < len(k); i++ {
		if k[i] >= 0x80 {
			ascii = false
			break
		}
	}
	for j, n := range names {
		if (!ascii || len(n) == len(k)) && strings.EqualFold(k, n) {
			return int8(j)
		}
	}
	return -1
}

// field is field(o.t, name) for name, statementElements[i].
func (o *stmtElems) field(name string, i int8) Tree {
	if !o.plain {
		f, _ := field(o.t, name)
		return f
	}
	// The first key that matches name (as field's loop finds it), and
	// whether one is name itself.
	first, exact := -1, false
	for j, m := range o.match {
		if m == i {
			if first < 0 {
				first = j
			}
			if o.keys[j] == name {
				exact = true
				break
			}
		}
	}
	if exact || !o.inKeys {
		if f := o.t.Field(name); f != nil {
			if f.Kind() == TreeNull {
				return nil
			}
			return f
		}
	}
	if first >= 0 {
		f := o.t.Field(o.keys[first])
		if f == nil || f.Kind() == TreeNull {
			return nil
		}
		return f
	}
	return nil
}

// unrecognized is b.unrecognized(o.t, statementElements).
func (o *stmtElems) unrecognized(b *builder) []Value {
	if !o.plain {
		return b.unrecognized(o.t, statementElements)
	}
	var out []Value
	for j, k := range o.keys {
		if o.match[j] >= 0 {
			continue
		}
		rng := o.t.Range()
		if f := o.t.Field(k); f != nil {
			rng = keyRange(f)
		}
		out = append(out, b.known(k, rng))
	}
	return out
}

// unrecognized returns the keys of object t that are none of names (key text
// and key range), in source order.
func (b *builder) unrecognized(t Tree, names []string) []Value {
	var out []Value
	for _, k := range t.Keys() {
		known := false
		for _, n := range names {
			if strings.EqualFold(k, n) {
				known = true
				break
			}
		}
		if known {
			continue
		}
		rng := t.Range()
		if f := t.Field(k); f != nil {
			rng = keyRange(f)
		}
		out = append(out, b.known(k, rng))
	}
	return out
}

// hasUnknownKey reports whether object t has a member whose key is known
// only after apply (its text holds UnknownPart).
func hasUnknownKey(t Tree) bool {
	if n, ok := t.(*jsonNode); ok {
		for _, c := range n.members {
			if strings.Contains(c.key, UnknownPart) {
				return true
			}
		}
		return false
	}
	for _, k := range t.Keys() {
		if strings.Contains(k, UnknownPart) {
			return true
		}
	}
	return false
}

// keyValue is the value of an object key: known, or, when the key is known
// only after apply ("${var.issuer}:sub"), unknown with its known part.
func (b *builder) keyValue(k string, rng hcl.Range) Value {
	if !strings.Contains(k, UnknownPart) {
		return b.known(k, rng)
	}
	v := b.unknown(rng)
	if k != UnknownPart {
		v.SetPartial(k)
	}
	return v
}

// keyRange is where a finding about member t points: its key, or the value
// when the tree has no key ranges.
func keyRange(t Tree) hcl.Range {
	if r := t.KeyRange(); r != (hcl.Range{}) {
		return r
	}
	return t.Range()
}

func kindName(k TreeKind) string {
	switch k {
	case TreeNull:
		return "null"
	case TreeObject:
		return "an object"
	case TreeArray:
		return "an array"
	case TreeString:
		return "a string"
	case TreeNumber:
		return "a number"
	case TreeBool:
		return "a bool"
	case TreeUnknown:
		return "an unknown value"
	}
	return "an invalid value"
}

// scalarKind tells whether a value of kind k is a scalar of element elem:
// a string or unknown; a number or bool too for a condition value, a
// number for a principal. IAM rejects a number or bool anywhere else
// (MalformedPolicyDocument), as `"Action": 42` in policy JSON or
// jsonencode({Action = 42}).
func scalarKind(k TreeKind, elem string) bool {
	switch k {
	case TreeString, TreeUnknown:
		return true
	case TreeNumber:
		// A principal's number is kept as its text, as before: an account
		// ID written as a number (jsonencode of a number variable) is not
		// known here to be refused by IAM, and reporting it could be a
		// false positive.
		return elem == "Condition value" || elem == "Principal" || elem == "NotPrincipal"
	case TreeBool:
		return elem == "Condition value"
	}
	return false
}

// scalar turns a string or unknown (a number or bool for a condition value,
// see scalarKind) into a Value.
func (b *builder) scalar(t Tree, elem string) Value {
	switch t.Kind() {
	case TreeString, TreeNumber, TreeBool:
		if !scalarKind(t.Kind(), elem) {
			break
		}
		return b.known(t.Scalar(), t.Range())
	case TreeUnknown:
		v := b.unknown(t.Range())
		if pt, ok := t.(PartialTree); ok {
			v.SetPartial(pt.PartialText())
		}
		return v
	}
	b.warn(t.Range(), "Invalid policy "+elem, fmt.Sprintf("%s must be a string, not %s; it is ignored.", elem, kindName(t.Kind())))
	return Value{Range: b.rng(t.Range())}
}

// list turns a scalar or an array of scalars into Values, a slice of the
// scratch's values (which pack copies) or, for an empty array, an empty
// slice of its own.
func (b *builder) list(t Tree, elem string) []Value { return b.listOf(t, elem, "") }

// listOf is list for the element named elem+" "+sub (elem when sub is ""),
// a name made only for a warning (a principal type's list is read for
// every principal).
func (b *builder) listOf(t Tree, elem, sub string) []Value {
	name := func() string {
		if sub == "" {
			return elem
		}
		return elem + " " + sub
	}
	switch k := t.Kind(); {
	case scalarKind(k, elem):
		// (scalar names no element for these kinds)
		return b.sc.values(b.scalar(t, elem))
	case k == TreeArray:
		first := len(b.sc.vals)
		for i := 0; i < t.Len(); i++ {
			e := t.Elem(i)
			if e == nil {
				continue
			}
			switch {
			case scalarKind(e.Kind(), elem):
				v := b.scalar(e, elem)
				b.sc.vals = append(b.sc.vals, v)
			default:
				each := name()
				if !strings.HasSuffix(each, " value") { // not "Condition value value"
					each += " value"
				}
				b.warn(e.Range(), "Invalid policy "+name(), fmt.Sprintf("Each %s must be a string, not %s; it is ignored.", each, kindName(e.Kind())))
			}
		}
		if len(b.sc.vals) == first {
			return make([]Value, 0) // not nil: the array is there; and not into the scratch
		}
		return b.sc.vals[first:len(b.sc.vals):len(b.sc.vals)]
	}
	b.warn(t.Range(), "Invalid policy "+name(), fmt.Sprintf("%s must be a string or an array of strings, not %s; it is ignored.", name(), kindName(t.Kind())))
	return nil
}

// statement reads statement t into a new statement of the scratch.
func (b *builder) statement(t Tree) {
	b.sc.stmts = append(b.sc.stmts, Statement{})
	// Only this statement is appended to stmts until it is read: s stays
	// where it is.
	s := &b.sc.stmts[len(b.sc.stmts)-1]
	s.Range = b.rng(t.Range())
	o := b.elements(t)
	if v := o.field("Sid", elemSid); v != nil {
		s.SetSid(b.scalar(v, "Sid"))
	}
	var ex StatementExtra
	ex.Unrecognized = o.unrecognized(b)
	if v := o.field("Effect", elemEffect); v != nil {
		s.SetEffect(b.scalar(v, "Effect"))
	}
	s.Actions, s.Action = b.listElement(&o, "Action", elemAction)
	ex.NotActions, ex.NotAction = b.listElement(&o, "NotAction", elemNotAction)
	s.Resources, s.Resource = b.listElement(&o, "Resource", elemResource)
	ex.NotResources, ex.NotResource = b.listElement(&o, "NotResource", elemNotResource)
	var scope StatementScope
	if v := o.field("Principal", elemPrincipal); v != nil {
		scope.Principal = Element{Present: true, Range: b.rng(keyRange(v))}
		scope.Principals = b.principals(v, "Principal")
	}
	if v := o.field("NotPrincipal", elemNotPrincipal); v != nil {
		ex.NotPrincipal = Element{Present: true, Range: b.rng(keyRange(v))}
		ex.NotPrincipals = b.principals(v, "NotPrincipal")
	}
	if v := o.field("Condition", elemCondition); v != nil {
		scope.Condition = Element{Present: true, Range: b.rng(keyRange(v))}
		scope.Conditions = b.conditions(v)
	}
	s.SetExtra(ex)
	k := int32(-1)
	if !scope.isZero() {
		k = int32(len(b.sc.scopes))
		b.sc.scopes = append(b.sc.scopes, scope)
	}
	b.sc.scopeOf = append(b.sc.scopeOf, k)
}

// listElement reads the element name (statementElements[i]) of statement
// o, a scalar or an array of scalars, when it is present.
func (b *builder) listElement(o *stmtElems, name string, i int8) ([]Value, Element) {
	v := o.field(name, i)
	if v == nil {
		return nil, Element{}
	}
	return b.list(v, name), Element{Present: true, Range: b.rng(keyRange(v))}
}

func (b *builder) principals(t Tree, elem string) []Principal {
	switch t.Kind() {
	case TreeUnknown:
		// A string known in part ("arn:aws:iam::${var.account}:root") keeps
		// its known part on the ID: it is not "*" (unknownGrants).
		id := b.unknown(t.Range())
		if pt, ok := t.(PartialTree); ok {
			id.SetPartial(pt.PartialText())
		}
		return []Principal{{Type: b.unknown(t.Range()), ID: id}}
	case TreeString:
		if t.Scalar() != "*" {
			b.note(t.Range(), "Invalid policy "+elem, fmt.Sprintf(`%s must be "*" or an object such as {"AWS": "..."}; the string %q is taken as an AWS principal.`, elem, t.Scalar()))
			return []Principal{{Type: b.known("AWS", t.Range()), ID: b.known(t.Scalar(), t.Range()), Bare: true}}
		}
		return []Principal{{Type: b.known("*", t.Range()), ID: b.known("*", t.Range())}}
	case TreeObject:
		// Into the scratch's principals (which pack copies); nil when none.
		first := len(b.sc.prs)
		for _, k := range t.Keys() {
			v := t.Field(k)
			if v == nil || v.Kind() == TreeNull {
				continue
			}
			typ := b.keyValue(k, keyRange(v))
			for _, id := range b.listOf(v, elem, k) {
				b.sc.prs = append(b.sc.prs, Principal{Type: typ, ID: id})
			}
		}
		if len(b.sc.prs) == first {
			return nil
		}
		return b.sc.prs[first:len(b.sc.prs):len(b.sc.prs)]
	}
	b.warn(t.Range(), "Invalid policy "+elem, fmt.Sprintf(`%s must be "*" or an object such as {"AWS": "..."}, not %s; it is ignored.`, elem, kindName(t.Kind())))
	return nil
}

func (b *builder) conditions(t Tree) []Condition {
	switch t.Kind() {
	case TreeUnknown:
		return []Condition{{Operator: b.unknown(t.Range()), Key: b.unknown(t.Range())}}
	case TreeObject:
	default:
		b.warn(t.Range(), "Invalid policy Condition", fmt.Sprintf("Condition must be an object of operators, not %s; it is ignored.", kindName(t.Kind())))
		return nil
	}
	// Into the scratch's conditions (which pack copies); nil when none.
	first := len(b.sc.conds)
	for _, op := range t.Keys() {
		ot := t.Field(op)
		if ot == nil || ot.Kind() == TreeNull {
			continue
		}
		opv := b.keyValue(op, keyRange(ot))
		switch ot.Kind() {
		case TreeUnknown:
			b.sc.conds = append(b.sc.conds, Condition{Operator: opv, Key: b.unknown(ot.Range())})
			continue
		case TreeObject:
		default:
			b.warn(ot.Range(), "Invalid policy Condition", fmt.Sprintf("The condition operator %s must hold an object of condition keys, not %s; it is ignored.", op, kindName(ot.Kind())))
			continue
		}
		for _, k := range ot.Keys() {
			kt := ot.Field(k)
			if kt == nil || kt.Kind() == TreeNull {
				continue
			}
			c := Condition{Operator: opv, Key: b.keyValue(k, keyRange(kt)), Values: b.list(kt, "Condition value")}
			b.sc.conds = append(b.sc.conds, c)
		}
	}
	if len(b.sc.conds) == first {
		return nil
	}
	return b.sc.conds[first:len(b.sc.conds):len(b.sc.conds)]
}

// MaxSizeDepth bounds the recursion of compactSize (and of a CompactSizer's).
const MaxSizeDepth = 10000

// CompactSizer is a Tree that finds its compactSize itself, as compactSize
// would walking it (a walk of its own representation, without a Tree per
// member).
type CompactSizer interface {
	CompactSize() (int, bool)
}

// sizeOf is compactSize(t, 0), by t's CompactSize when it has one.
func sizeOf(t Tree) (int, bool) {
	if s, ok := t.(CompactSizer); ok {
		return s.CompactSize()
	}
	return compactSize(t, 0)
}

// compactSize returns the length of t serialised as JSON without white space
// (strings escaped as encoding/json would, except that <, > and & are counted
// as one byte each, as AWS counts them). ok is false when t holds an unknown.
// Null members count as written ("null").
func compactSize(t Tree, depth int) (int, bool) {
	if t == nil || depth > MaxSizeDepth {
		return 0, false
	}
	switch t.Kind() {
	case TreeNull:
		return 4, true
	case TreeString:
		return QuotedLen(t.Scalar()), true
	case TreeNumber, TreeBool:
		return len(t.Scalar()), true
	case TreeArray:
		n := 2 + max(t.Len()-1, 0)
		for i := 0; i < t.Len(); i++ {
			m, ok := compactSize(t.Elem(i), depth+1)
			if !ok {
				return 0, false
			}
			n += m
		}
		return n, true
	case TreeObject:
		ks := t.Keys()
		n := 2 + max(len(ks)-1, 0)
		for _, k := range ks {
			if strings.Contains(k, UnknownPart) {
				return 0, false
			}
			m, ok := compactSize(t.Field(k), depth+1)
			if !ok {
				return 0, false
			}
			n += QuotedLen(k) + 1 + m
		}
		return n, true
	}
	return 0, false
}

// QuotedLen is the length of s as a JSON string (see compactSize): each
// byte counts 1 and escapeExtra[byte] more. (Eight bytes at a time, with
// the tests of a word, took more instructions: the strings are short.)
func QuotedLen(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		n += int(escapeExtra[s[i]])
	}
	return n
}

// escapeExtra is what a byte of a string adds to its length when it is
// escaped in JSON: 1 for '"', '\\' and the control bytes written as a
// two-byte escape (\n, \r, \t, \b, \f), 5 for the other control bytes
// (\u00XX), 0 for the rest.
var escapeExtra = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 5
	}
	for _, c := range []byte{'"', '\\', '\n', '\r', '\t', '\b', '\f'} {
		t[c] = 1
	}
	return t
}()
