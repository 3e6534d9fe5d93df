package load

import (
	"slices"
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
