package linter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestMaskSourceRanges: maskSourceRanges masks the text of each range in
// its file of res.Sources, a * a character, keeping line endings and the
// indentation of the lines a range continues on; ranges given twice, nested,
// past the end of the text, empty or of a file res.Sources does not hold
// are taken in their stride; the bytes the sources held are not written.
func TestMaskSourceRanges(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	a := "x = \"sécret\" # kept\r\ny = {\r\n    k = \"v\"\r\n\t}\r\nz = 1\n"
	b := "b = \"tail\""
	orig := map[string]string{"a.tf": a, "b.tfvars": b}
	res := &Result{Sources: map[string][]byte{}}
	for k, v := range orig {
		res.Sources[k] = []byte(v)
	}
	shared := res.Sources["a.tf"]
	rng := func(name string, from, to int) hcl.Range {
		return hcl.Range{Filename: name, Start: hcl.Pos{Byte: from}, End: hcl.Pos{Byte: to}}
	}
	at := func(s, sub string) int {
		for i := range len(s) - len(sub) + 1 {
			if s[i:i+len(sub)] == sub {
				return i
			}
		}
		t.Fatalf("%q not in %q", sub, s)
		return 0
	}
	x0, x1 := at(a, `"sécret"`), at(a, `"sécret"`)+len(`"sécret"`)
	y0, y1 := at(a, "{"), at(a, "}")+1
	k0 := at(a, `"v"`)
	maskSourceRanges(res, []hcl.Range{
		rng(filepath.Join(cwd, "a.tf"), x0, x1), // an absolute name: made relative as finish does
		rng("a.tf", x0, x1),                     // again
		rng("a.tf", y0, y1),
		rng("a.tf", k0, k0+3), // within the one before
		rng("a.tf", 3, 3),     // empty
		rng("b.tfvars", 4, 400),
		rng("<value for var.x>", 0, 5),
	})
	want := map[string]string{
		"a.tf":     "x = ******** # kept\r\ny = *\r\n    *******\r\n\t*\r\nz = 1\n",
		"b.tfvars": "b = ******",
	}
	for name, w := range want {
		if got := string(res.Sources[name]); got != w {
			t.Errorf("%s: %q, want %q", name, got, w)
		}
	}
	if string(shared) != a {
		t.Errorf("the shared bytes were written: %q", shared)
	}
	if len(res.Sources) != 2 {
		t.Errorf("sources %v", res.Sources)
	}
	// No range: the sources are the same bytes.
	before := res.Sources["a.tf"]
	maskSourceRanges(res, nil)
	if &before[0] != &res.Sources["a.tf"][0] {
		t.Error("copied with nothing to mask")
	}
}
