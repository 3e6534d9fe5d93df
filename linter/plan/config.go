package plan

import (
	"slices"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// configured reads the plan's configuration section (at i) and sets
// Change.Configured of every change whose resource it shows.
func (l *loader) configured(i int) {
	s := l.s
	cfg := map[string]map[string]bool{}         // resource address without instance keys -> expression names
	cfgRefs := map[string]map[string][]string{} // ... -> expression name -> references
	mods := &moduleRefs{inputs: map[string]map[string][]string{}, outputs: map[string]map[string][]string{}}
	// module reads the module object at i; the names of the variables it
	// declares sensitive or ephemeral are added to sensVars (its caller
	// marks the values passed to them). A key given twice in an object
	// it reads is a notice (scanner.dupKey), and its last value counts:
	// what the first one added is dropped (the resources, references,
	// inputs and outputs of the last "resources", "expressions",
	// "references", "module" ... only). The sensitive marks are not: a
	// variable or output that any of its values marks is hidden.
	var module func(i int, prefix string, sensVars *[]string) int
	module = func(i int, prefix string, sensVars *[]string) int {
		type resource struct {
			addr  string
			exprs map[string]bool
			refs  map[string][]string
		}
		var res []resource // of the last "resources", recorded at the end
		end := s.objectKeys(i, func(k string, _, _, v int, dup bool) int {
			switch {
			case k == "resources":
				res = res[:0]
				if s.at(v) != '[' {
					return s.skip(v)
				}
				return s.array(v, func(e int) int {
					if s.at(e) != '{' {
						return s.skip(e)
					}
					var addr string
					exprs := map[string]bool{}
					var refs map[string][]string
					end := s.objectKeys(e, func(k2 string, _, _, v2 int, _ bool) int {
						switch {
						case k2 == "address":
							addr = ""
							if s.at(v2) == '"' {
								a, e2 := s.str(v2)
								addr = a
								return e2
							}
						case k2 == "expressions":
							clear(exprs)
							refs = nil
							if s.at(v2) != '{' {
								return s.skip(v2)
							}
							// An expression is an object (references,
							// constant_value); a nested block is an array of
							// objects of expressions, read down to
							// maxConfigDepth with paths such as
							// statement.0.principals.0.identifiers.
							var expr func(path string, v int, depth int) int
							expr = func(path string, v int, depth int) int {
								switch {
								case s.at(v) == '[' && depth < maxConfigDepth:
									i := 0
									return s.array(v, func(e int) int {
										p := path + "." + strconv.Itoa(i)
										i++
										if s.at(e) != '{' {
											return s.skip(e)
										}
										return s.objectKeys(e, func(k string, _, _, v int, dup bool) int {
											if dup {
												dropRefs(refs, p+"."+k)
											}
											return expr(p+"."+k, v, depth+1)
										})
									})
								case s.at(v) != '{':
									return s.skip(v)
								}
								return s.objectKeys(v, func(k4 string, _, _, v4 int, dup bool) int {
									if k4 != "references" {
										return s.skip(v4)
									}
									if dup {
										delete(refs, path)
									}
									if s.at(v4) != '[' {
										return s.skip(v4)
									}
									return s.array(v4, func(e int) int {
										if s.at(e) != '"' {
											return s.skip(e)
										}
										r, end := s.str(e)
										if refs == nil {
											refs = map[string][]string{}
										}
										refs[path] = append(refs[path], r)
										return end
									})
								})
							}
							return s.objectKeys(v2, func(k3 string, _, _, v3 int, dup bool) int {
								if dup {
									dropRefs(refs, k3)
								}
								exprs[k3] = true
								return expr(k3, v3, 0)
							})
						}
						return s.skip(v2)
					})
					res = append(res, resource{addr, exprs, refs})
					return end
				})
			case k == "variables" && s.at(v) == '{':
				return s.object(v, func(name string, _, _, v2 int) int {
					if s.at(v2) != '{' {
						return s.skip(v2)
					}
					var defaults []int
					hidden := false
					end := s.object(v2, func(k3 string, _, _, v3 int) int {
						switch k3 {
						case "sensitive":
							if s.at(v3) == 't' {
								hidden = true
								if prefix == "" {
									l.p.SensitiveVariables = append(l.p.SensitiveVariables, name)
								}
							}
						case "ephemeral":
							hidden = hidden || s.at(v3) == 't'
						case "default":
							defaults = append(defaults, v3)
						}
						return s.skip(v3)
					})
					if hidden {
						// Its default is in the file, as written
						// (Terraform prints a configuration's
						// constants unmasked).
						for _, d := range defaults {
							l.markWhole(d)
						}
						*sensVars = append(*sensVars, name)
					}
					return end
				})
			case k == "module_calls":
				if dup {
					// Given again: the calls of the last one.
					calls := prefix + "module."
					dropConfig(cfg, cfgRefs, mods, func(a string, _ bool) bool { return strings.HasPrefix(a, calls) })
				}
				if s.at(v) != '{' {
					return s.skip(v)
				}
				return s.objectKeys(v, func(name string, _, _, v2 int, dup bool) int {
					call := prefix + "module." + name
					if dup {
						dropConfig(cfg, cfgRefs, mods, func(a string, _ bool) bool { return a == call || strings.HasPrefix(a, call+".") })
					}
					if s.at(v2) != '{' {
						return s.skip(v2)
					}
					var inputs []keyOff // the expressions of the call's inputs
					var hidden []string // the module's sensitive variables
					end := s.objectKeys(v2, func(k3 string, _, _, v3 int, dup bool) int {
						switch {
						case k3 == "module":
							if dup {
								// The call's own inputs stay (its "expressions").
								dropConfig(cfg, cfgRefs, mods, func(a string, input bool) bool {
									return (a == call && !input) || strings.HasPrefix(a, call+".")
								})
							}
							if s.at(v3) == '{' {
								return module(v3, call+".", &hidden)
							}
						case k3 == "expressions":
							if dup {
								delete(mods.inputs, call)
							}
							if s.at(v3) != '{' {
								return s.skip(v3)
							}
							return s.objectKeys(v3, func(input string, _, _, v4 int, dup bool) int {
								if dup && mods.inputs[call] != nil {
									delete(mods.inputs[call], input)
								}
								inputs = append(inputs, keyOff{input, v4})
								return l.exprRefs(v4, func(r string) { mods.input(call, input, r) })
							})
						}
						return s.skip(v3)
					})
					// A constant given to a sensitive variable of
					// the module is as sensitive as its default.
					for _, in := range inputs {
						if slices.Contains(hidden, in.key) {
							l.markConstant(in.off)
						}
					}
					return end
				})
			case k == "outputs" && s.at(v) == '{':
				mod := strings.TrimSuffix(prefix, ".")
				if dup {
					delete(mods.outputs, mod) // the last "outputs"
				}
				return s.objectKeys(v, func(name string, _, _, v2 int, dup bool) int {
					if dup && mods.outputs[mod] != nil {
						delete(mods.outputs[mod], name)
					}
					if s.at(v2) != '{' {
						return s.skip(v2)
					}
					var exprs []int
					hidden, expr := false, false
					end := s.object(v2, func(k3 string, ks, ke, v3 int) int {
						switch k3 {
						case "expression":
							if expr {
								// The last expression's references (the
								// constants of all are hidden).
								s.dupKey(ks, ke, k3)
								if mods.outputs[mod] != nil {
									delete(mods.outputs[mod], name)
								}
							}
							expr = true
							exprs = append(exprs, v3)
							return l.exprRefs(v3, func(r string) { mods.output(mod, name, r) })
						case "sensitive", "ephemeral":
							hidden = hidden || s.at(v3) == 't'
						}
						return s.skip(v3)
					})
					if hidden {
						for _, e := range exprs {
							l.markConstant(e)
						}
					}
					return end
				})
			}
			return s.skip(v)
		})
		for _, r := range res {
			if r.addr != "" {
				cfg[prefix+r.addr] = r.exprs
				if r.refs != nil {
					cfgRefs[prefix+r.addr] = r.refs
				}
			}
		}
		return end
	}
	s.objectKeys(i, func(k string, _, _, v int, dup bool) int {
		if dup && k == "root_module" {
			// The last one.
			dropConfig(cfg, cfgRefs, mods, func(string, bool) bool { return true })
		}
		if k == "root_module" {
			if s.at(v) == '{' {
				var hidden []string // given by the plan's variables
				return module(v, "", &hidden)
			}
		}
		return s.skip(v)
	})
	if len(cfg) == 0 && len(cfgRefs) == 0 {
		return // no resource in the configuration (a filtered or hand-written plan)
	}
	docs := map[string]bool{}   // data aws_iam_policy_document instances of After
	iamRes := map[string]bool{} // IAM users, groups, roles and policies of After
	for _, m := range l.after.Modules {
		if len(cfgRefs) == 0 {
			break // only linkUnknown reads them
		}
		for _, b := range m.Blocks {
			if b.Mode == "data" && b.Type == policyDocumentType {
				docs[b.Address] = true
			}
			if b.Mode == "resource" && linkAttrs[b.Type] != nil {
				iamRes[b.Address] = true
			}
		}
	}
	for _, name := range l.p.SensitiveVariables {
		if mods.rootSens == nil {
			mods.rootSens = map[string]bool{}
		}
		mods.rootSens[name] = true
	}
	for _, c := range l.p.Changes {
		ca := ConfigAddress(c.Address)
		if exprs, ok := cfg[ca]; ok {
			c.Configured = exprs
		}
		if refs := cfgRefs[ca]; refs != nil && c.After != nil {
			if lz := l.p.lazy; lz != nil && lz.jobs[c.After] != nil {
				// Its body is built later (Plan.Stream): linked then.
				lz.refs[c] = refs
				lz.docs, lz.iamRes, lz.mods = docs, iamRes, mods
				continue
			}
			linkUnknown(c, refs, docs, iamRes, mods)
		}
	}
}

// linkUnknown gives a Ref to each attribute of c's after body that is
// unknown and whose expression is exactly the json of a data
// aws_iam_policy_document of the same module instance (the configuration
// lists data.aws_iam_policy_document.NAME.json among its references): a
// document deferred to apply, whose text the plan cannot show yet. The
// extractor then lints the document once, on its own address, as in HCL,
// instead of calling the consumer's policy unknown.
//
// The same goes for an attribute that is exactly an identifier of an IAM
// user, group, role or policy the plan creates (policy_arn =
// aws_iam_policy.p.arn, role = aws_iam_role.r.id): the link HCL has by
// reference, so that an attachment to a new policy is linked to it.
func linkUnknown(c *Change, refs map[string][]string, docs, iamRes map[string]bool, mods *moduleRefs) {
	body := c.After.Body
	if body == nil {
		return
	}
	for k, rs := range refs {
		if strings.Contains(k, ".") {
			// An attribute of a nested block (a policy document's
			// principals identifiers = [aws_iam_user.u.arn]).
			target, attr := resTarget(c, k, rs, iamRes)
			if target == "" && c.Mode == "resource" {
				// inline_policy.0.policy = data.aws_iam_policy_document.d.json
				if target, attr = docTarget(c, rs, docs); target == "" {
					target, attr = mods.docThrough(c.Module, rs, docs, 0)
				}
			}
			if target != "" {
				linkNested(body, strings.Split(k, "."), &eval.Ref{Address: target, Attr: attr})
			}
			continue
		}
		if c.Mode != "resource" {
			continue
		}
		n := Member(body, k)
		if n != nil && n.Val != cty.NilVal && c.Module == "" && mods.sensitiveRef(rs) && !n.Sensitive() {
			// minimum_password_length = var.len, len declared sensitive,
			// in a plan that does not mark it: its setting is not printed
			// (iam.Setting.Sensitive).
			n = eval.MarkSensitive(n)
			body.SetAttr(k, n)
		}
		if n == nil || n.RefTo() != nil || n.Val == cty.NilVal {
			continue
		}
		if n.Val.IsKnown() {
			// A list with one unknown element that is exactly an
			// identifier of an IAM resource the plan creates
			// (managed_policy_arns = [aws_iam_policy.p.arn]), as in a
			// nested block (linkNested).
			if !n.Val.IsWhollyKnown() {
				if target, attr := resTarget(c, k, rs, iamRes); target != "" {
					if nc := linkValue(n, &eval.Ref{Address: target, Attr: attr}); nc != nil {
						body.SetAttr(k, nc)
					}
				}
			}
			continue
		}
		target, attr := docTarget(c, rs, docs)
		if target == "" {
			target, attr = resTarget(c, k, rs, iamRes)
		}
		if target == "" {
			target, attr = mods.docThrough(c.Module, rs, docs, 0)
		}
		if target == "" {
			continue
		}
		cp := *n
		cp.SetRefTo(target, attr)
		body.SetAttr(k, &cp)
	}
}

// docTarget returns the data aws_iam_policy_document instance (and its
// attribute, json or minified_json) that an expression with references rs
// in change c reads, when there is exactly one: data.T.N.json names it (in
// c's module instance); data.T.N with each.key or count.index (the
// expression data.T.N[each.key].json) is the instance of N with c's own
// instance key.
func docTarget(c *Change, rs []string, docs map[string]bool) (string, string) {
	prefix := "data." + policyDocumentType + "."
	var base, key, attr string
	byKey := false
	for _, r := range rs {
		switch {
		case r == "each.key" || r == "count.index":
			byKey = true
			continue
		case !strings.HasPrefix(r, prefix):
			continue
		}
		rest := r[len(prefix):]
		name, tail := rest, ""
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			name, tail = rest[:i], rest[i:]
		}
		if strings.HasPrefix(tail, "[") {
			// data.T.N[0].json: Terraform lists it, data.T.N[0] and data.T.N
			end := instanceKeyEnd(tail, 0)
			if end <= 0 || (key != "" && key != tail[:end]) {
				return "", "" // two instances: not exactly one's json
			}
			key, tail = tail[:end], tail[end:]
		}
		tail = strings.TrimPrefix(tail, ".")
		if base != "" && base != name {
			return "", "" // two documents: not exactly one's json
		}
		base = name
		switch tail {
		case "json", "minified_json":
			attr = tail
		case "":
		default:
			return "", ""
		}
	}
	if base == "" {
		return "", ""
	}
	if attr == "" {
		attr = "json"
	}
	if t := instanceTarget(c, prefix+base+key, byKey, docs); t != "" {
		return t, attr
	}
	return "", ""
}

// instanceTarget returns the instance of block base (TYPE.NAME, with its key
// when the reference names one) in c's module instance that known holds:
// base itself, or, when the expression uses each.key / count.index (byKey),
// base with c's own instance key (module.m.aws_iam_role.r["k"] reads the
// ["k"] of a document or policy of the same for_each).
func instanceTarget(c *Change, base string, byKey bool, known map[string]bool) string {
	mod := ""
	if c.Module != "" {
		mod = c.Module + "."
	}
	target := mod + base
	if known[target] {
		return target
	}
	if byKey && !strings.HasSuffix(base, "]") {
		if k := strings.LastIndexByte(c.Address, '['); k > 0 && strings.HasSuffix(c.Address, "]") {
			if t := target + c.Address[k:]; known[t] {
				return t
			}
		}
	}
	return ""
}

// maxConfigDepth bounds how deep nested blocks of the configuration
// section are read for references.
const maxConfigDepth = 8

// linkNested gives ref to the value at path (attribute names and element
// indexes) under n when it is unknown, or to the one unknown element of the
// list there (identifiers = [aws_iam_user.u.arn]): the element is then a
// reference to that user, as in HCL. Nodes on the way are copied before
// they change (the plan's bodies may share them).
func linkNested(n *eval.Node, path []string, ref *eval.Ref) *eval.Node {
	if n == nil || len(path) == 0 {
		return nil
	}
	var child *eval.Node
	if i, err := strconv.Atoi(path[0]); err == nil {
		child = n.Index(i)
	} else {
		child = n.Get(path[0])
	}
	if child == nil {
		return nil
	}
	var nc *eval.Node
	if len(path) > 1 {
		nc = linkNested(child, path[1:], ref)
	} else {
		nc = linkValue(child, ref)
	}
	if nc == nil {
		return nil
	}
	cp := *n
	if i, err := strconv.Atoi(path[0]); err == nil {
		if len(n.Elems) == 0 {
			if !n.Val.IsKnown() || !n.Val.CanIterateElements() {
				return nil
			}
			cp.Elems = elemNodes(n)
		} else {
			cp.Elems = append([]*eval.Node(nil), n.Elems...)
		}
		if i >= len(cp.Elems) {
			return nil
		}
		cp.Elems[i] = nc
	} else {
		cp.CopyAttrs()
		cp.SetAttr(path[0], nc)
	}
	*n = cp // n is the plan's own node (c.After.Body or below): changed in place
	return n
}

// linkValue returns v with ref when it is unknown, or with ref on its one
// unknown element when it is a list; nil when neither.
func linkValue(v *eval.Node, ref *eval.Ref) *eval.Node {
	if v.Val == cty.NilVal {
		return nil
	}
	if !v.Val.IsKnown() {
		cp := *v
		cp.SetRef(ref)
		return &cp
	}
	if v.Val.IsNull() || !v.Val.CanIterateElements() {
		return nil
	}
	elems := v.Elems
	if len(elems) == 0 {
		elems = elemNodes(v)
	}
	at := -1
	for i, e := range elems {
		if e != nil && e.Val != cty.NilVal && !e.Val.IsKnown() {
			if at >= 0 {
				return nil // two unknowns: which is the reference is not known
			}
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	cp := *v
	cp.Elems = append([]*eval.Node(nil), elems...)
	e := *cp.Elems[at]
	e.SetRef(ref)
	cp.Elems[at] = &e
	return &cp
}

// elemNodes returns a node per element of a known list or tuple value, at
// the list's range (a plan does not locate scalar elements).
func elemNodes(n *eval.Node) []*eval.Node {
	var out []*eval.Node
	for it := n.Val.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		out = append(out, &eval.Node{Val: ev, Range: n.Range})
	}
	return out
}

// linkAttrs lists, by IAM resource type, the attributes that identify an
// instance where another resource names it.
var linkAttrs = map[string]map[string]bool{
	"aws_iam_policy": {"arn": true, "id": true},
	"aws_iam_role":   {"arn": true, "id": true, "name": true, "unique_id": true},
	"aws_iam_user":   {"arn": true, "id": true, "name": true, "unique_id": true},
	"aws_iam_group":  {"arn": true, "id": true, "name": true, "unique_id": true},
}

// resTarget returns the IAM user, group, role or policy instance (and the
// attribute) that an expression with references rs in change c reads, when
// there is exactly one: TYPE.NAME.ATTR, TYPE.NAME["k"].ATTR, or TYPE.NAME
// with each.key / count.index (the instance with c's own key), in c's module
// instance.
func resTarget(c *Change, k string, rs []string, iamRes map[string]bool) (string, string) {
	var base, key, attr string
	byKey := false
	for _, r := range rs {
		if r == "each.key" || r == "count.index" {
			byKey = true
			continue
		}
		typ, rest, ok := strings.Cut(r, ".")
		if !ok || linkAttrs[typ] == nil {
			if strings.HasPrefix(r, "aws_") || strings.HasPrefix(r, "data.") || strings.HasPrefix(r, "module.") {
				return "", "" // another resource too: not exactly one identifier
			}
			continue
		}
		name, tail := rest, ""
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			name, tail = rest[:i], rest[i:]
		}
		k := ""
		if strings.HasPrefix(tail, "[") {
			end := instanceKeyEnd(tail, 0)
			if end <= 0 {
				return "", ""
			}
			k, tail = tail[:end], tail[end:]
		}
		b := typ + "." + name
		if base != "" && base != b {
			return "", "" // two resources
		}
		base = b
		if k != "" {
			key = k
		}
		if a := strings.TrimPrefix(tail, "."); a != "" {
			if !linkAttrs[typ][a] {
				return "", ""
			}
			attr = a
		}
	}
	if base != "" && attr == "" && byKey {
		// TYPE.NAME[count.index].arn: Terraform lists TYPE.NAME and
		// count.index only (the attribute is after a dynamic index). The
		// attribute that names the target is the one the consumer's
		// attribute takes (policy_arn: an ARN; role, users: names).
		typ, _, _ := strings.Cut(base, ".")
		if a := impliedAttr[k[strings.LastIndexByte(k, '.')+1:]]; linkAttrs[typ][a] {
			attr = a
		}
	}
	if base == "" || attr == "" {
		return "", ""
	}
	if t := instanceTarget(c, base+key, byKey, iamRes); t != "" {
		return t, attr
	}
	return "", ""
}

// impliedAttr is the attribute of its target that an attribute of an IAM
// link names (see resTarget).
var impliedAttr = map[string]string{
	"policy_arn": "arn", "managed_policy_arns": "arn", "policy_arns": "arn",
	"role": "name", "user": "name", "group": "name",
	"roles": "name", "users": "name", "groups": "name",
}

// ConfigAddress drops the instance keys of an address:
// module.a["x"].aws_iam_role.r[0] -> module.a.aws_iam_role.r.
func ConfigAddress(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	var b strings.Builder
	b.Grow(len(addr))
	for i := 0; i < len(addr); i++ {
		if addr[i] == '[' {
			if k := instanceKeyEnd(addr, i); k > 0 {
				i = k - 1
				continue
			}
		}
		b.WriteByte(addr[i])
	}
	return b.String()
}

// exprRefs calls fn with each reference of the configuration expression at
// i ({"references": [...]}) and returns its end.
// markConstant records in Plan.Sensitive the constant_value of the
// expression object at i (read already), if it has one.
func (l *loader) markConstant(i int) {
	s := l.s
	if s.at(i) != '{' {
		return
	}
	s.object(i, func(k string, _, _, v int) int {
		if k == "constant_value" {
			return l.markWhole(v)
		}
		return s.skip(v)
	})
}

func (l *loader) exprRefs(i int, fn func(string)) int {
	s := l.s
	if s.at(i) != '{' {
		return s.skip(i)
	}
	var refs []string // of the last "references"
	end := s.objectKeys(i, func(k string, _, _, v int, _ bool) int {
		if k != "references" {
			return s.skip(v)
		}
		refs = refs[:0]
		if s.at(v) != '[' {
			return s.skip(v)
		}
		return s.array(v, func(e int) int {
			if s.at(e) != '"' {
				return s.skip(e)
			}
			r, end := s.str(e)
			refs = append(refs, r)
			return end
		})
	})
	for _, r := range refs {
		fn(r)
	}
	return end
}

// dropRefs forgets the references of the expression at path and of those
// below it (path.0.x): its key is given again, and the last value counts.
func dropRefs(refs map[string][]string, path string) {
	for p := range refs {
		if p == path || strings.HasPrefix(p, path+".") {
			delete(refs, p)
		}
	}
}

// dropConfig forgets what the configuration recorded (cfg, cfgRefs and
// mods, by configuration address) under the addresses gone reports (input
// is true for mods.inputs): the object that held them is given again, and
// the last one counts.
func dropConfig(cfg map[string]map[string]bool, cfgRefs map[string]map[string][]string, mods *moduleRefs, gone func(addr string, input bool) bool) {
	for a := range cfg {
		if gone(a, false) {
			delete(cfg, a)
		}
	}
	for a := range cfgRefs {
		if gone(a, false) {
			delete(cfgRefs, a)
		}
	}
	for a := range mods.inputs {
		if gone(a, true) {
			delete(mods.inputs, a)
		}
	}
	for a := range mods.outputs {
		if gone(a, false) {
			delete(mods.outputs, a)
		}
	}
}

// moduleRefs holds the references of module call inputs and of module
// outputs, by module configuration path (module.a.module.b, no keys) and
// name: the chain a policy document's json takes from the module that reads
// it to one that consumes it (policy = var.policy_json, policy_json =
// module.doc.json, output json = data.aws_iam_policy_document.this.json).
type moduleRefs struct {
	inputs, outputs map[string]map[string][]string
	// rootSens holds the root module's variables declared sensitive
	// (Plan.SensitiveVariables).
	rootSens map[string]bool
}

// sensitiveRef reports whether the references rs of an expression of the
// root module name one of its variables declared sensitive: its value is
// sensitive, as Terraform marks it, whether or not the plan says so
// (after_sensitive).
func (m *moduleRefs) sensitiveRef(rs []string) bool {
	for _, r := range rs {
		if name, ok := strings.CutPrefix(r, "var."); ok && m.rootSens[name] {
			return true
		}
	}
	return false
}

func (m *moduleRefs) input(call, name, ref string) {
	if m.inputs[call] == nil {
		m.inputs[call] = map[string][]string{}
	}
	m.inputs[call][name] = append(m.inputs[call][name], ref)
}

func (m *moduleRefs) output(mod, name, ref string) {
	if m.outputs[mod] == nil {
		m.outputs[mod] = map[string][]string{}
	}
	m.outputs[mod][name] = append(m.outputs[mod][name], ref)
}

// maxModuleHops bounds how many module inputs and outputs docThrough
// follows.
const maxModuleHops = 8

// docThrough returns the data aws_iam_policy_document instance (and
// attribute) whose json an expression with references rs in module
// instance inst reads through module inputs and outputs: rs is exactly
// var.X (the input X of inst's call, read in the calling module) or
// module.N.O (output O of the keyless child module N), and so on until
// one document's json. Module instances with keys on the way from a call
// to its output are left alone (which instance is meant is not known).
func (m *moduleRefs) docThrough(inst string, rs []string, docs map[string]bool, hops int) (string, string) {
	if m == nil || hops > maxModuleHops || len(rs) == 0 {
		return "", ""
	}
	if hops > 0 {
		if t, a := docTarget(&Change{Module: inst, Address: inst + ".x"}, rs, docs); t != "" {
			return t, a
		}
	}
	switch {
	case len(rs) == 1 && strings.HasPrefix(rs[0], "var."):
		if inst == "" {
			return "", ""
		}
		parent, _ := splitModule(inst)
		return m.docThrough(parent, m.inputs[ConfigAddress(inst)][rs[0][len("var."):]], docs, hops+1)
	case strings.HasPrefix(rs[0], "module."):
		// module.N.O, then module.N (Terraform lists both).
		name, out, ok := strings.Cut(rs[0][len("module."):], ".")
		if !ok || strings.ContainsAny(name, "[") || strings.Contains(out, ".") {
			return "", ""
		}
		for _, r := range rs[1:] {
			if r != "module."+name {
				return "", ""
			}
		}
		child := "module." + name
		if inst != "" {
			child = inst + "." + child
		}
		return m.docThrough(child, m.outputs[ConfigAddress(child)][out], docs, hops+1)
	}
	return "", ""
}

// splitModule splits a module instance path into its parent and its last
// call (module.a["x.y"].module.b[0] -> module.a["x.y"], module.b[0]).
func splitModule(inst string) (parent, last string) {
	cut := -1
	inQuote := false
	for i := 0; i < len(inst); i++ {
		switch c := inst[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && strings.HasPrefix(inst[i:], ".module."):
			cut = i
		}
	}
	if cut < 0 {
		return "", inst
	}
	return inst[:cut], inst[cut+1:]
}
