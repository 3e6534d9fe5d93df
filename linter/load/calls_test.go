package load

import (
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
