package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/eval"
)

// Renderers returns the data source renderers package extract provides, by
// data source type: aws_iam_policy_document's json and minified_json.
func Renderers() map[string]eval.DataRenderer {
	return map[string]eval.DataRenderer{policyDocumentType: RenderPolicyDocument}
}

// RenderPolicyDocument computes the json and minified_json attributes of a
// data "aws_iam_policy_document" from its evaluated body, as the AWS provider
// does: source_json, then source_policy_documents merged, then the
// statements (replacing source statements by Sid), then
// override_policy_documents and override_json (replacing by Sid, else
// appended); string sets sorted in reverse order and written as a string
// when they hold one element; "&{" turned into "${". Both attributes are
// unknown strings when any input is unknown or invalid, or past the bound
// of a value (eval.TooLarge).
func RenderPolicyDocument(body *eval.Node) cty.Value {
	if body == nil || !isKnown(body.Val) || body.Val.IsNull() {
		return unknownRender
	}
	if eval.TooLarge(body.Val) {
		// Its statements sharing one list (dynamic blocks naming a local
		// of 90,000 actions, 200 times) were rendered whole: 52 s, 2.5
		// GB. The document itself is linted with its own bound
		// (buildPolicyDoc, maxDocValues), which says so.
		return unknownRender
	}
	doc, err := renderDoc(body.Val)
	if err != nil {
		return unknownRender
	}
	minified, indented, ok := writeDoc(doc)
	if !ok || !writeDocs {
		m, i, err := marshalDoc(doc)
		if err != nil {
			return unknownRender
		}
		minified, indented = string(m), string(i)
	} else {
		remember(doc, minified, indented)
	}
	// The indented text is the minified one with spaces and newlines
	// added: one is ASCII when the other is (one scan, of the shorter).
	ascii := ctyraw.ASCIIText(minified)
	return cty.ObjectVal(map[string]cty.Value{
		"json":          ctyraw.StringVal(indented, ascii),
		"minified_json": ctyraw.StringVal(minified, ascii),
	})
}

// writeDocs makes RenderPolicyDocument write documents with writeDoc
// (tests compare with marshalDoc).
var writeDocs = true

// marshalDoc is writeDoc through encoding/json, for any document.
func marshalDoc(doc *rDoc) (minified, indented []byte, err error) {
	if minified, err = json.Marshal(doc); err != nil {
		return nil, nil, err
	}
	// json.MarshalIndent is Marshal then Indent: the document is
	// marshalled once.
	var buf bytes.Buffer
	if err := json.Indent(&buf, minified, "", "  "); err != nil {
		return nil, nil, err
	}
	return minified, buf.Bytes(), nil
}

// unknownRender is what RenderPolicyDocument returns when it cannot
// render (values are immutable: one serves every call).
var unknownRender = cty.ObjectVal(map[string]cty.Value{
	"json":          cty.UnknownVal(cty.String),
	"minified_json": cty.UnknownVal(cty.String),
})

// renderOf is RenderPolicyDocument(body), computed once per block when body
// is the block's own (eval.Block.Render).
func renderOf(b *eval.Block, body *eval.Node) cty.Value {
	if body == b.Body {
		return b.Render(RenderPolicyDocument)
	}
	return RenderPolicyDocument(body)
}

// errUnknown says an input is not known before apply.
var errUnknown = errors.New("unknown")

// rDoc, rStatement, rPrincipals and rConditions are the JSON shapes the
// provider writes.
type rDoc struct {
	Version    string        `json:",omitempty"`
	ID         string        `json:"Id,omitempty"`
	Statements []*rStatement `json:"Statement,omitempty"`
}

type rStatement struct {
	Sid           string      `json:",omitempty"`
	Effect        string      `json:",omitempty"`
	Actions       any         `json:"Action,omitempty"`
	NotActions    any         `json:"NotAction,omitempty"`
	Resources     any         `json:"Resource,omitempty"`
	NotResources  any         `json:"NotResource,omitempty"`
	Principals    rPrincipals `json:"Principal,omitempty"`
	NotPrincipals rPrincipals `json:"NotPrincipal,omitempty"`
	Conditions    rConditions `json:"Condition,omitempty"`
}

type rPrincipal struct {
	Type string
	IDs  any // string or []string
}

type rPrincipals []rPrincipal

type rCondition struct {
	Test, Variable string
	Values         any // string or []string
}

type rConditions []rCondition

func (ps rPrincipals) MarshalJSON() ([]byte, error) {
	raw, star, err := ps.raw()
	if err != nil {
		return nil, err
	}
	if star {
		return []byte(`"*"`), nil
	}
	return json.Marshal(raw)
}

// raw returns what MarshalJSON writes: "*" (star), or the identifiers of
// each principal type (a string, or a list of strings).
func (ps rPrincipals) raw() (raw map[string]any, star bool, err error) {
	if len(ps) == 1 && ps[0].Type == "*" {
		switch ids := ps[0].IDs.(type) {
		case string:
			if ids == "*" {
				return nil, true, nil
			}
		case []string:
			if len(ids) == 1 && ids[0] == "*" {
				return nil, true, nil
			}
		}
	}
	raw = map[string]any{}
	for _, p := range ps {
		switch ids := p.IDs.(type) {
		case []string:
			var cur []string
			switch v := raw[p.Type].(type) {
			case string:
				cur = []string{v}
			case []string:
				cur = v
			}
			ids = append([]string(nil), ids...)
			sort.Sort(sort.Reverse(sort.StringSlice(ids)))
			raw[p.Type] = append(cur, ids...)
		case string:
			switch v := raw[p.Type].(type) {
			case nil:
				raw[p.Type] = ids
			case string:
				raw[p.Type] = []string{v, ids}
			case []string:
				raw[p.Type] = append(v, ids)
			}
		default:
			return nil, false, fmt.Errorf("unsupported principal identifiers %T", ids)
		}
	}
	return raw, false, nil
}

func (cs rConditions) MarshalJSON() ([]byte, error) {
	raw, err := cs.raw()
	if err != nil {
		return nil, err
	}
	return json.Marshal(raw)
}

// raw returns what MarshalJSON writes: the values (a string, or a list of
// strings) of each variable of each test.
func (cs rConditions) raw() (map[string]map[string]any, error) {
	raw := map[string]map[string]any{}
	for _, c := range cs {
		if raw[c.Test] == nil {
			raw[c.Test] = map[string]any{}
		}
		cur, _ := raw[c.Test][c.Variable].([]string)
		if cur == nil {
			cur = []string{}
		}
		switch v := c.Values.(type) {
		case []string:
			cur = append(cur, v...)
		case string:
			cur = append(cur, v)
		default:
			return nil, fmt.Errorf("unsupported condition values %T", v)
		}
		raw[c.Test][c.Variable] = cur
	}
	for _, vars := range raw {
		for k, v := range vars {
			if l := v.([]string); len(l) == 1 {
				vars[k] = l[0]
			}
		}
	}
	return raw, nil
}

// merge merges statements into d the way the provider does: a statement
// with a Sid replaces the one with the same Sid, others are appended.
func (d *rDoc) merge(n *rDoc) {
	if n.ID != "" {
		d.ID = n.ID
	}
	if n.Version > d.Version {
		d.Version = n.Version
	}
	d.Statements = mergeSid(d.Statements, n.Statements, func(s *rStatement) string { return s.Sid })
}

var varReplacer = strings.NewReplacer("&{", "${")

func renderDoc(body cty.Value) (*rDoc, error) {
	// source_json is the start (the provider decodes it into the merged
	// document), override_json the last override.
	merged, err := optDoc(getAttr(body, "source_json"))
	if err != nil {
		return nil, err
	}
	if merged == nil {
		merged = &rDoc{}
	}
	srcs, err := jsonDocs(getAttr(body, "source_policy_documents"))
	if err != nil {
		return nil, err
	}
	sids := map[string]bool{}
	for _, s := range merged.Statements {
		if s.Sid != "" {
			sids[s.Sid] = true
		}
	}
	for _, sd := range srcs {
		for _, s := range sd.Statements {
			if s.Sid != "" {
				if sids[s.Sid] {
					return nil, fmt.Errorf("duplicate Sid %q in source_policy_documents", s.Sid)
				}
				sids[s.Sid] = true
			}
		}
		merged.merge(sd)
	}

	cur := &rDoc{Version: "2012-10-17"}
	if v, ok, err := optString(getAttr(body, "version")); err != nil {
		return nil, err
	} else if ok {
		cur.Version = v
	}
	if v, ok, err := optString(getAttr(body, "policy_id")); err != nil {
		return nil, err
	} else if ok {
		cur.ID = v
	}
	stmts, err := blockList(getAttr(body, "statement"))
	if err != nil {
		return nil, err
	}
	own := map[string]bool{}
	for _, sv := range stmts {
		s, err := renderStatement(sv)
		if err != nil {
			return nil, err
		}
		if s.Sid != "" {
			if own[s.Sid] {
				return nil, fmt.Errorf("duplicate Sid %q", s.Sid)
			}
			own[s.Sid] = true
		}
		cur.Statements = append(cur.Statements, s)
	}
	merged.merge(cur)

	ovs, err := jsonDocs(getAttr(body, "override_policy_documents"))
	if err != nil {
		return nil, err
	}
	for _, od := range ovs {
		merged.merge(od)
	}
	od, err := optDoc(getAttr(body, "override_json"))
	if err != nil {
		return nil, err
	}
	if od != nil {
		merged.merge(od)
	}
	return merged, nil
}

func renderStatement(sv cty.Value) (*rStatement, error) {
	if !ctyraw.WhollyKnown(sv) {
		return nil, errUnknown
	}
	s := &rStatement{Effect: "Allow"}
	var err error
	if v, ok, e := optString(getAttr(sv, "sid")); e != nil {
		return nil, e
	} else if ok {
		s.Sid = v
	}
	if v, ok, e := optString(getAttr(sv, "effect")); e != nil {
		return nil, e
	} else if ok {
		s.Effect = v
	}
	if s.Actions, err = stringSet(getAttr(sv, "actions"), false); err != nil {
		return nil, err
	}
	if s.NotActions, err = stringSet(getAttr(sv, "not_actions"), false); err != nil {
		return nil, err
	}
	if s.Resources, err = stringSet(getAttr(sv, "resources"), true); err != nil {
		return nil, err
	}
	if s.NotResources, err = stringSet(getAttr(sv, "not_resources"), true); err != nil {
		return nil, err
	}
	if s.Principals, err = renderPrincipals(getAttr(sv, "principals")); err != nil {
		return nil, err
	}
	if s.NotPrincipals, err = renderPrincipals(getAttr(sv, "not_principals")); err != nil {
		return nil, err
	}
	conds, err := blockList(getAttr(sv, "condition"))
	if err != nil {
		return nil, err
	}
	for _, cv := range conds {
		test, _, e1 := optString(getAttr(cv, "test"))
		variable, _, e2 := optString(getAttr(cv, "variable"))
		if e1 != nil || e2 != nil {
			return nil, errors.Join(e1, e2)
		}
		vals, e := stringList(getAttr(cv, "values"))
		if e != nil {
			return nil, e
		}
		for i := range vals {
			vals[i] = varReplacer.Replace(vals[i])
		}
		var values any = vals
		if len(vals) == 1 {
			values = vals[0]
		}
		s.Conditions = append(s.Conditions, rCondition{Test: test, Variable: variable, Values: values})
	}
	return s, nil
}

func renderPrincipals(v cty.Value) (rPrincipals, error) {
	blocks, err := blockList(v)
	if err != nil {
		return nil, err
	}
	var out rPrincipals
	for _, b := range blocks {
		typ, _, err := optString(getAttr(b, "type"))
		if err != nil {
			return nil, err
		}
		ids, err := stringSet(getAttr(b, "identifiers"), true)
		if err != nil {
			return nil, err
		}
		if ids == nil {
			ids = []string{}
		}
		out = append(out, rPrincipal{Type: typ, IDs: ids})
	}
	return out, nil
}

// getAttr returns attribute k of an object (or map) value; null when absent.
func getAttr(v cty.Value, k string) cty.Value {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		if v != cty.NilVal && !v.IsKnown() {
			return cty.DynamicVal
		}
		return cty.NullVal(cty.DynamicPseudoType)
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		// k is one of the ASCII names of the schema: its own normal form
		// (HasAttribute and GetAttr normalize it each).
		at, ok := ty.AttributeTypes()[k]
		if !ok {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		if ctyraw.Fast() {
			if m, ok := ctyraw.Raw(v).(map[string]any); ok {
				if raw, ok := m[k]; ok {
					return ctyraw.Make(at, raw)
				}
			}
		}
		return v.GetAttr(k)
	case ty.IsMapType() && v.HasIndex(cty.StringVal(k)).True():
		return v.Index(cty.StringVal(k))
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// optString returns a string attribute; ok is false when it is null.
func optString(v cty.Value) (string, bool, error) {
	if !v.IsKnown() {
		return "", false, errUnknown
	}
	if v.IsNull() {
		return "", false, nil
	}
	s, ok := scalarText(v)
	if !ok {
		return "", false, fmt.Errorf("not a string")
	}
	return s, true, nil
}

// stringList returns the strings of a list value, in order. v is part of
// a statement renderStatement found wholly known: so is v (it is not
// scanned for unknowns again).
func stringList(v cty.Value) ([]string, error) {
	if v.IsNull() {
		return nil, nil
	}
	if !v.CanIterateElements() {
		s, ok := scalarText(v)
		if !ok {
			return nil, fmt.Errorf("not a list of strings")
		}
		return []string{s}, nil
	}
	out := make([]string, 0, v.LengthInt())
	err := eachElement(v, func(ev cty.Value) error {
		if ev.IsNull() {
			return fmt.Errorf("null element")
		}
		s, ok := scalarText(ev)
		if !ok {
			return fmt.Errorf("not a list of strings")
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// indexKeys are the numbers 0..len-1 as cty values, made once (see
// eachElement).
var indexKeys = func() []cty.Value {
	keys := make([]cty.Value, 256)
	for i := range keys {
		keys[i] = cty.NumberIntVal(int64(i))
	}
	return keys
}()

// eachElement calls f on each element of v (which CanIterateElements), in
// ElementIterator's order, up to the first error, which it returns. The
// elements of a list or tuple are read by index (v.Index of a number made
// once): an ElementIterator allocates itself and a number per element.
func eachElement(v cty.Value, f func(cty.Value) error) error {
	if ty := v.Type(); ty.IsListType() || ty.IsTupleType() {
		n := v.LengthInt()
		for i := 0; i < n; i++ {
			var k cty.Value
			if i < len(indexKeys) {
				k = indexKeys[i]
			} else {
				k = cty.NumberIntVal(int64(i))
			}
			if err := f(v.Index(k)); err != nil {
				return err
			}
		}
		return nil
	}
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		if err := f(ev); err != nil {
			return err
		}
	}
	return nil
}

// stringSet renders a set of strings as the provider does: nil when empty,
// the string when it has one element, else sorted in reverse order.
func stringSet(v cty.Value, replaceVars bool) (any, error) {
	l, err := stringList(v)
	if err != nil {
		return nil, err
	}
	// The strings without repeats, in l's place (l is stringList's own):
	// looked for among those kept, or in a map for a long list.
	var seen map[string]bool
	if len(l) > 16 {
		seen = make(map[string]bool, len(l))
	}
	u := l[:0]
	for _, s := range l {
		if replaceVars {
			s = varReplacer.Replace(s)
		}
		if seen != nil {
			if seen[s] {
				continue
			}
			seen[s] = true
		} else if slices.Contains(u, s) {
			continue
		}
		u = append(u, s)
	}
	switch len(u) {
	case 0:
		return nil, nil
	case 1:
		return u[0], nil
	}
	// Reverse order (the strings are distinct: any sort gives the same).
	slices.SortFunc(u, func(a, b string) int { return strings.Compare(b, a) })
	return u, nil
}

// blockList returns the blocks of a nested block type: a list of objects,
// or one object (as .tf.json may write it).
func blockList(v cty.Value) ([]cty.Value, error) {
	if !v.IsKnown() {
		return nil, errUnknown
	}
	if v.IsNull() {
		return nil, nil
	}
	ty := v.Type()
	if ty.IsObjectType() || ty.IsMapType() {
		return []cty.Value{v}, nil
	}
	if !v.CanIterateElements() {
		return nil, fmt.Errorf("not a block list")
	}
	var out []cty.Value
	err := eachElement(v, func(ev cty.Value) error {
		if !ev.IsKnown() {
			return errUnknown
		}
		if !ev.IsNull() {
			out = append(out, ev)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// jsonDocs decodes a list of policy JSON strings (source or override
// documents) the way the provider reads them.
// optDoc decodes the document of source_json or override_json: nil when
// null or "" (the provider's GetOk skips an empty string).
func optDoc(v cty.Value) (*rDoc, error) {
	if !v.IsKnown() {
		return nil, errUnknown
	}
	if v.IsNull() {
		return nil, nil
	}
	s, ok := scalarText(v)
	if !ok {
		return nil, fmt.Errorf("not a string")
	}
	if s == "" {
		return nil, nil
	}
	return decodeText(s)
}

// decodeText is decodeDoc of s, taken from the document it was rendered
// from when RenderPolicyDocument wrote it lately (renderedDoc).
func decodeText(s string) (*rDoc, error) {
	if d, ok := renderedDoc(s); ok {
		return d, nil
	}
	return decodeDoc([]byte(s))
}

func jsonDocs(v cty.Value) ([]*rDoc, error) {
	if !v.IsKnown() {
		return nil, errUnknown
	}
	if v.IsNull() {
		return nil, nil
	}
	if !v.CanIterateElements() {
		return nil, fmt.Errorf("not a list")
	}
	var out []*rDoc
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		if !ev.IsKnown() {
			return nil, errUnknown
		}
		if ev.IsNull() {
			continue
		}
		s, ok := scalarText(ev)
		if !ok {
			return nil, fmt.Errorf("not a string")
		}
		d, err := decodeText(s)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func decodeDoc(src []byte) (*rDoc, error) {
	var raw struct {
		Version   string            `json:"Version"`
		ID        string            `json:"Id"`
		Statement []json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(src, &raw); err != nil {
		return nil, err
	}
	d := &rDoc{Version: raw.Version, ID: raw.ID}
	for _, rs := range raw.Statement {
		var st struct {
			Sid          string
			Effect       string
			Action       any
			NotAction    any
			Resource     any
			NotResource  any
			Principal    json.RawMessage
			NotPrincipal json.RawMessage
			Condition    json.RawMessage
		}
		if err := json.Unmarshal(rs, &st); err != nil {
			return nil, err
		}
		s := &rStatement{Sid: st.Sid, Effect: st.Effect, Actions: st.Action, NotActions: st.NotAction,
			Resources: st.Resource, NotResources: st.NotResource}
		var err error
		if s.Principals, err = decodePrincipals(st.Principal); err != nil {
			return nil, err
		}
		if s.NotPrincipals, err = decodePrincipals(st.NotPrincipal); err != nil {
			return nil, err
		}
		if s.Conditions, err = decodeConditions(st.Condition); err != nil {
			return nil, err
		}
		d.Statements = append(d.Statements, s)
	}
	return d, nil
}

func decodePrincipals(raw json.RawMessage) (rPrincipals, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var data any
	if err := json.Unmarshal(raw, &data); err != nil {
		return nil, err
	}
	switch t := data.(type) {
	case string:
		return rPrincipals{{Type: "*", IDs: []string{"*"}}}, nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out rPrincipals
		for _, k := range keys {
			switch v := t[k].(type) {
			case string:
				out = append(out, rPrincipal{Type: k, IDs: v})
			case []any:
				ids := []string{}
				for _, e := range v {
					s, ok := e.(string)
					if !ok {
						return nil, fmt.Errorf("principal %s: not a string", k)
					}
					ids = append(ids, s)
				}
				sort.Strings(ids)
				out = append(out, rPrincipal{Type: k, IDs: ids})
			default:
				return nil, fmt.Errorf("principal %s: unsupported value", k)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported principal")
}

func decodeConditions(raw json.RawMessage) (rConditions, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var data map[string]map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		return nil, err
	}
	tests := make([]string, 0, len(data))
	for k := range data {
		tests = append(tests, k)
	}
	sort.Strings(tests)
	var out rConditions
	for _, test := range tests {
		vars := make([]string, 0, len(data[test]))
		for k := range data[test] {
			vars = append(vars, k)
		}
		sort.Strings(vars)
		for _, variable := range vars {
			switch v := data[test][variable].(type) {
			case string:
				out = append(out, rCondition{Test: test, Variable: variable, Values: []string{v}})
			case bool:
				s := "false"
				if v {
					s = "true"
				}
				out = append(out, rCondition{Test: test, Variable: variable, Values: s})
			case []any:
				vals := []string{}
				for _, e := range v {
					s, ok := e.(string)
					if !ok {
						return nil, fmt.Errorf("condition %s %s: not a string", test, variable)
					}
					vals = append(vals, s)
				}
				out = append(out, rCondition{Test: test, Variable: variable, Values: vals})
			}
			// Other value types (numbers) are dropped, as the provider does.
		}
	}
	return out, nil
}
