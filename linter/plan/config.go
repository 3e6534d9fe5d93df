package plan

import (
	"strings"
)

// configured reads the plan's configuration section (at i) and sets
// Change.Configured of every change whose resource it shows.
func (l *loader) configured(i int) {
	s := l.s
	cfg := map[string]map[string]bool{} // resource address without instance keys -> expression names
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
					end := s.object(e, func(k2 string, _, _, v2 int) int {
						switch {
						case k2 == "address" && s.at(v2) == '"':
							a, e2 := s.str(v2)
							addr = a
							return e2
						case k2 == "expressions" && s.at(v2) == '{':
							return s.object(v2, func(k3 string, _, _, v3 int) int {
								exprs[k3] = true
								return s.skip(v3)
							})
						}
						return s.skip(v2)
					})
					if addr != "" {
						cfg[prefix+addr] = exprs
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
	for _, c := range l.p.Changes {
		if exprs, ok := cfg[configAddress(c.Address)]; ok {
			c.Configured = exprs
		}
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
