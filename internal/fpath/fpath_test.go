package fpath

import (
	"path/filepath"
	"strings"
	"testing"
)

// paths is a set of paths of every shape Clean changes or keeps: every
// sequence of up to five elements drawn from names, dots, empty elements
// and slashes, absolute or not.
func paths() []string {
	elems := []string{"a", "bc", ".", "..", "", ".x", "x.", "...", "d.tf", "..a", "a.."}
	out := []string{"", "/", ".", "..", "./", "../", "//", "///"}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		out = append(out, prefix, "/"+prefix, prefix+"/")
		if n == 0 {
			return
		}
		for _, e := range elems {
			if prefix == "" {
				gen(e, n-1)
			} else {
				gen(prefix+"/"+e, n-1)
			}
		}
	}
	gen("", 4)
	return out
}

func TestFilepathEquivalence(t *testing.T) {
	ps := paths()
	if len(ps) < 10000 {
		t.Fatalf("%d paths", len(ps))
	}
	short := ps[:0:0]
	for _, p := range ps {
		if strings.Count(p, "/") <= 1 || len(p) <= 5 {
			short = append(short, p)
		}
	}
	fast := 0
	for _, p := range ps {
		if got, want := Clean(p), filepath.Clean(p); got != want {
			t.Fatalf("Clean(%q) = %q, want %q", p, got, want)
		}
		if got, want := Dir(p), filepath.Dir(p); got != want {
			t.Fatalf("Dir(%q) = %q, want %q", p, got, want)
		}
		if isClean(p) {
			fast++
		}
	}
	for _, d := range short {
		for _, n := range short {
			if got, want := Join(d, n), filepath.Join(d, n); got != want {
				t.Fatalf("Join(%q, %q) = %q, want %q", d, n, got, want)
			}
			if filepath.IsAbs(n) || !filepath.IsAbs(d) {
				continue
			}
			got, gerr := RelUnder(d, n)
			want, werr := filepath.Rel(d, filepath.Join(d, n))
			if got != want || (gerr == nil) != (werr == nil) {
				t.Fatalf("RelUnder(%q, %q) = %q, %v; want %q, %v", d, n, got, gerr, want, werr)
			}
		}
	}
	if fast < len(ps)/10 {
		t.Fatalf("only %d of %d paths taken as clean at a look", fast, len(ps))
	}
}

func TestRealPaths(t *testing.T) {
	for _, c := range []struct{ dir, name, join string }{
		{"real/terraform-aws-modules__terraform-aws-eks/modules/_user_data", "main.tf", "real/terraform-aws-modules__terraform-aws-eks/modules/_user_data/main.tf"},
		{"/work/shared/corpus", "real/x/main.tf", "/work/shared/corpus/real/x/main.tf"},
		{"/", "etc", "/etc"},
		{".", "main.tf", "main.tf"},
		{"a/../b", "c", "b/c"},
		{"a", "../c", "c"},
	} {
		if got := Join(c.dir, c.name); got != c.join {
			t.Errorf("Join(%q, %q) = %q, want %q", c.dir, c.name, got, c.join)
		}
	}
}

func TestHasSuffixFold(t *testing.T) {
	suffixes := []string{".tf", ".tofu", ".tfvars", ".tftest.hcl", ".json", ".tf.json", ".tofu.json"}
	names := []string{"", "a", ".tf", "main.tf", "MAIN.TF", "Main.Tf", "x.tf.json", "X.TF.JSON", "a/B/c.tofu", "c.TOFU.json",
		"x.tfvarſ", "x.tfvarſ.json", "x.\u212Atf", "x.t\u0130f", "x.tf\u0301", "\u0130.tf", "x.tftest.HCL", "x.hcl", "ſ.tf",
		"x.tfvar\u017F", "x.js\u00F6n", "x.JSON", "x.json ", "x\u2126.tf", "x.tf\u212A", "x.t\xfff", "\xff.tf", "x.t"}
	for _, n := range names {
		for _, s := range suffixes {
			if got, want := HasSuffixFold(n, s), strings.HasSuffix(strings.ToLower(n), s); got != want {
				t.Errorf("HasSuffixFold(%q, %q) = %v, want %v", n, s, got, want)
			}
		}
	}
}
