package config

import (
	"strings"
	"testing"
)

// Path globs read classes, alternatives and escapes as a shell or
// .gitignore user expects; none of them matches across a /.
func TestGlobPathClassesAndAlternatives(t *testing.T) {
	for _, c := range []struct {
		glob  string
		match []string
		miss  []string
	}{
		{"modules/{legacy,old}/**", []string{"modules/legacy/a.tf", "modules/old/x/b.tf"}, []string{"modules/new/a.tf", "modules/{legacy,old}/a.tf"}},
		{"**/*.{tf,tfvars}", []string{"a.tf", "x/y/prod.tfvars"}, []string{"a.tf.json", "a.hcl"}},
		{"env-{a,b{1,2}}.tf", []string{"env-a.tf", "env-b1.tf", "env-b2.tf"}, []string{"env-b.tf", "env-c.tf"}},
		{"stack[0-9].tf", []string{"stack1.tf", "x/stack9.tf"}, []string{"stackx.tf", "stack10.tf"}},
		{"stack[!0-9].tf", []string{"stackx.tf"}, []string{"stack1.tf", "stack/.tf"}},
		{"a[]b].tf", []string{"a].tf", "ab.tf"}, []string{"a[.tf"}},
		{"a[-x].tf", []string{"a-.tf", "ax.tf"}, []string{"aw.tf"}},
		{"a[x^].tf", []string{"a^.tf", "ax.tf"}, []string{"ab.tf"}},
		{"a[[x].tf", []string{"a[.tf", "ax.tf"}, []string{"a:.tf"}}, // a [ not before : = . is a member
		{`lit\{a,b\}.tf`, []string{"lit{a,b}.tf"}, []string{"lita.tf"}},
		{`lit\[1\].tf`, []string{"lit[1].tf"}, []string{"lit1.tf"}},
		// every character a \ escapes
		{`a\*\?\[\]\{\}\,\\b.tf`, []string{`a*?[]{},\b.tf`}, []string{`a*?[]{},b.tf`, "axyz.tf"}},
		{`{a\,b,c}.tf`, []string{"a,b.tf", "c.tf"}, []string{"a.tf", "b.tf"}},
		{"a,b.tf", []string{"a,b.tf"}, []string{"a.tf"}}, // a comma outside braces is itself
		{"modules/legacy", []string{"modules/legacy", "modules/legacy/a.tf"}, []string{"modules/legacy2/a.tf"}},
		// characters past ASCII are themselves (é was read byte by byte,
		// as Ã©, and never matched)
		{"café/**", []string{"café/a.tf", "café/x/b.tf"}, []string{"cafÃ©/a.tf", "cafe/a.tf"}},
		{"ü*.tf", []string{"über.tf", "m/ü.tf"}, []string{"u.tf"}},
		{"日本/{東,西}/*.tf", []string{"日本/東/a.tf", "日本/西/b.tf"}, []string{"日本/南/a.tf"}},
	} {
		re, err := globPathRe(c.glob)
		if err != nil {
			t.Errorf("%s: %v", c.glob, err)
			continue
		}
		for _, p := range c.match {
			if !re.MatchString(p) {
				t.Errorf("%s does not match %s (%s)", c.glob, p, re)
			}
		}
		for _, p := range c.miss {
			if re.MatchString(p) {
				t.Errorf("%s matches %s (%s)", c.glob, p, re)
			}
		}
	}
}

func TestGlobPathErrors(t *testing.T) {
	for glob, want := range map[string]string{
		"a{b,c.tf":        "{ is not closed",
		"a}.tf":           "closes no {",
		"a[bc.tf":         "[ is not closed",
		"a[z-a].tf":       "goes backwards",
		"a[/].tf":         "matches /",
		"a[+-0].tf":       "matches /",
		`a.tf\`:           "escapes nothing",
		"a\xff.tf":        "not valid UTF-8",
		"   ":             "empty pattern",
		"a{b,c}}.tf":      "closes no {",
		"[[:alpha:]]*.tf": "[[:alpha:]] are not supported",
		"x[[:digit:]].tf": "are not supported",
		"x[a[=e=]].tf":    "are not supported",
		// a Windows path: \l, \m are no escapes (they were read as l and
		// m, and the pattern matched nothing, in silence)
		`modules\legacy\**`: `\l escapes nothing special (a \ escapes only * ? [ ] { } , or \); paths in exclude use / between directories (modules/legacy/**)`,
		`a\.tf`:             `\. escapes nothing special`,
		`caf\é/x.tf`:        `\é escapes nothing special`,
		`x/\ y.tf`:          `\  escapes nothing special`,
	} {
		_, err := globPathRe(glob)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one saying %q", glob, err, want)
		}
	}
}
