package iam

import (
	"strings"
	"testing"
)

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		testPolicy,
		strings.ReplaceAll(testPolicy, "\n", "\r\n"),
		`{"Statement": {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "x"}}`,
		`{"Statement": [{"Principal": {"AWS": ["a", "b"], "Service": "s"}, "Condition": {"Bool": {"k": false}, "StringLike": {"j": ["x", 1]}}}]}`,
		`{"Statement": [{"Principal": "*", "NotPrincipal": {"AWS": "*"}}], "Version": null}`,
		`{"b": "x", "a": [1, true, false, null, "\u00e9\ud83d\ude00\n\"\\\/", {}, []], "b": 2, "c": -1.5e+3}`,
		"{\"Action\": \"s3:\xffGet\xc3\"}",
		`["\ud800x", "\udc00", "\ud800\u0041"]`,
		`{"Action": ["a", "b",]}`,
		`[[[[[[[[[[`,
		`{"a": 1} x`,
		"\uFEFF{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m := FileMapper("f.json", src)
		tr, diags := ParseJSON(src, m)
		inSrc := func(what string, r interface{ String() string }, start, end int) {
			if start < 0 || end > len(src) || start > end {
				t.Fatalf("%s range %s (bytes %d-%d) outside the source of %d bytes", what, r, start, end, len(src))
			}
		}
		for _, d := range diags {
			if d.Subject == nil {
				t.Fatalf("diagnostic without subject: %v", d)
			}
			inSrc("diagnostic", d.Subject, d.Subject.Start.Byte, d.Subject.End.Byte)
		}
		if diags.HasErrors() != (tr == nil) {
			t.Fatalf("tree %v with errors %v", tr, diags)
		}
		if tr == nil {
			return
		}
		// walk the tree (iteratively: it may be 1000 levels deep)
		stack := []Tree{tr}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			r := n.Range()
			inSrc("value", r, r.Start.Byte, r.End.Byte)
			if kr := n.KeyRange(); kr.End.Byte > 0 {
				inSrc("key", kr, kr.Start.Byte, kr.End.Byte)
				if kr.End.Byte > r.Start.Byte {
					t.Fatalf("key %s after its value %s", kr, r)
				}
			}
			switch n.Kind() {
			case TreeObject:
				for _, k := range n.Keys() {
					c := n.Field(k)
					if c == nil {
						t.Fatalf("key %q without a field", k)
					}
					stack = append(stack, c)
				}
			case TreeArray:
				for i := 0; i < n.Len(); i++ {
					stack = append(stack, n.Elem(i))
				}
			case TreeString, TreeNumber, TreeBool, TreeNull:
			default:
				t.Fatalf("unexpected kind %v", n.Kind())
			}
		}
		d, fd := FromTree(tr, Identity)
		if d == nil || fd.HasErrors() {
			t.Fatalf("FromTree: %v %v", d, fd)
		}
		for _, s := range d.Statements {
			for _, v := range s.Actions {
				MatchAction(v.Text, "s3:GetObject")
				inSrc("action", v.Range, v.Range.HCL().Start.Byte, v.Range.HCL().End.Byte)
			}
		}
	})
}

// FuzzGlob: glob for long inputs (globLong, segment by segment) gives the
// direct walk's answers.
func FuzzGlob(f *testing.F) {
	for _, c := range [][2]string{{"*a?b*", "xxaxbxx"}, {"a*?", "ab"}, {"?é*", "éé"}, {"*\xff?", "\xfe\xff"}, {"", ""}, {"*?*?", "?*"}} {
		f.Add(c[0], c[1], false)
		f.Add(c[0], c[1], true)
	}
	f.Fuzz(func(t *testing.T, p, s string, fold bool) {
		if len(p) > 64 || len(s) > 256 {
			return
		}
		if got, want := globLong(p, s, fold), globWalk(p, s, fold); got != want {
			t.Fatalf("globLong(%q, %q, %v) = %v, the walk says %v", p, s, fold, got, want)
		}
	})
}
