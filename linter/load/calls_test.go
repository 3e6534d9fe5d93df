package load

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSourceLiterals(t *testing.T) {
	hcl := []byte(`module "a" {
  source = "./modules/a"
}
module "b" {
  source="../b" # comment
  resource_source = "./not"
}
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
`)
	if got, want := sourceLiterals(hcl, false), []string{"./modules/a", "../b", "hashicorp/aws"}; !slices.Equal(got, want) {
		t.Errorf("HCL: %q, want %q", got, want)
	}
	js := []byte(`{"module": {"a": {"source" : "./a", "x_source": "./no"}}, "source": 1}`)
	if got, want := sourceLiterals(js, true), []string{"./a"}; !slices.Equal(got, want) {
		t.Errorf("JSON: %q, want %q", got, want)
	}
}

// FuzzSourceLiterals: the pre-scan of module sources reads every file of a
// run: it must not panic, and each literal is text of the file with no
// quote in it.
func FuzzSourceLiterals(f *testing.F) {
	f.Add([]byte("module \"m\" {\n  source = \"../modules/x\"\n}\n"), false)
	f.Add([]byte("resource_source = \"x\"\nsource== \"y\"\nsource = \"unterminated"), false)
	f.Add([]byte(`{"module": {"m": {"source": "./child"}}, "x": "source"}`), true)
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		for _, s := range sourceLiterals(src, isJSON) {
			if strings.Contains(s, `"`) || !strings.Contains(string(src), `"`+s+`"`) {
				t.Fatalf("literal %q is not a quoted string of the input", s)
			}
		}
	})
}

// TestIndexSource compares indexSource with bytes.Index from every start,
// on random texts over the letters of "source" (and "u"s without one).
func TestIndexSource(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const letters = "sourceSu e"
	for range 5000 {
		src := make([]byte, r.IntN(30))
		for i := range src {
			src[i] = letters[r.IntN(len(letters))]
		}
		if r.IntN(2) == 0 && len(src) >= 6 {
			copy(src[r.IntN(len(src)-5):], "source")
		}
		for i := 0; i <= len(src); i++ {
			want := bytes.Index(src[i:], []byte("source"))
			if want >= 0 {
				want += i
			}
			if got := indexSource(src, i); got != want {
				t.Fatalf("indexSource(%q, %d) = %d, want %d", src, i, got, want)
			}
		}
	}
}
