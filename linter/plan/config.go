package plan

import (
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
	var module func(i int, prefix string) int
	module = func(i int, prefix string) int {
		return s.object(i, func(k string, _, _, v int) int {
			switch {
			case k == "resources" && s.at(v) == '[':
				return s.array(v, func(e int) int {
					if s.at(e) != '{' {
						return s.skip(e)
					}
					var addr string
					exprs := map[string]bool{}
					var refs map[string][]string
					end := s.object(e, func(k2 string, _, _, v2 int) int {
						switch {
						case k2 == "address" && s.at(v2) == '"':
							a, e2 := s.str(v2)
							addr = a
							return e2
						case k2 == "expressions" && s.at(v2) == '{':
							return s.object(v2, func(k3 string, _, _, v3 int) int {
								exprs[k3] = true
								if s.at(v3) != '{' {
									return s.skip(v3)
								}
								return s.object(v3, func(k4 string, _, _, v4 int) int {
									if k4 != "references" || s.at(v4) != '[' {
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
										refs[k3] = append(refs[k3], r)
										return end
									})
								})
							})
						}
						return s.skip(v2)
					})
					if addr != "" {
						cfg[prefix+addr] = exprs
						if refs != nil {
							cfgRefs[prefix+addr] = refs
						}
					}
					return end
				})
			case k == "module_calls" && s.at(v) == '{':
				return s.object(v, func(name string, _, _, v2 int) int {
					if s.at(v2) != '{' {
						return s.skip(v2)
					}
					return s.object(v2, func(k3 string, _, _, v3 int) int {
						if k3 == "module" && s.at(v3) == '{' {
							return module(v3, prefix+"module."+name+".")
						}
						return s.skip(v3)
					})
				})
			}
			return s.skip(v)
		})
	}
	s.object(i, func(k string, _, _, v int) int {
		if k == "root_module" && s.at(v) == '{' {
			return module(v, "")
		}
		return s.skip(v)
	})
	docs := map[string]bool{} // data aws_iam_policy_document instances of After
	for _, m := range l.after.Modules {
		for _, b := range m.Blocks {
			if b.Mode == "data" && b.Type == policyDocumentType {
				docs[b.Address] = true
			}
		}
	}
	for _, c := range l.p.Changes {
		ca := configAddress(c.Address)
		if exprs, ok := cfg[ca]; ok {
			c.Configured = exprs
		}
		if refs := cfgRefs[ca]; refs != nil && c.After != nil && c.Mode == "resource" {
			linkUnknown(c, refs, docs)
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
func linkUnknown(c *Change, refs map[string][]string, docs map[string]bool) {
	body := c.After.Body
	if body == nil {
		return
	}
	for k, rs := range refs {
		n := body.Attrs[k]
		if n == nil || n.Ref != nil || n.Val == cty.NilVal || n.Val.IsKnown() {
			continue
		}
		var target, attr string
		count := 0
		for _, r := range rs {
			for _, a := range []string{".json", ".minified_json"} {
				if strings.HasPrefix(r, "data."+policyDocumentType+".") && strings.HasSuffix(r, a) {
					target, attr = strings.TrimSuffix(r, a), a[1:]
					count++
				}
			}
		}
		if count != 1 {
			continue
		}
		if c.Module != "" {
			target = c.Module + "." + target
		}
		if !docs[target] {
			continue
		}
		cp := *n
		cp.Ref = &eval.Ref{Address: target, Attr: attr}
		body.Attrs[k] = &cp
	}
}

// configAddress drops the instance keys of an address:
// module.a["x"].aws_iam_role.r[0] -> module.a.aws_iam_role.r.
func configAddress(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	var b strings.Builder
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
