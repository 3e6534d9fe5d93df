package linter

import (
	"math/rand/v2"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestCountPolicies: documents are counted once per file, attribute and
// source range, however many share them and in whatever order they come.
func TestCountPolicies(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	type key struct {
		file, attr string
		start, end int
	}
	for _, n := range []int{0, 1, 2, 10, 1000} {
		var docs []*iam.Document
		want := map[key]bool{}
		for range n {
			k := key{[]string{"a.tf", "b.tf", "plan.json"}[rnd.IntN(3)], []string{"policy", "assume_role_policy"}[rnd.IntN(2)], rnd.IntN(20), 0}
			k.end = k.start + rnd.IntN(3)
			want[k] = true
			r := hcl.Range{Filename: k.file, Start: hcl.Pos{Line: 1, Column: k.start + 1, Byte: k.start}, End: hcl.Pos{Line: 1, Column: k.end + 1, Byte: k.end}}
			docs = append(docs, &iam.Document{Address: "aws_iam_policy.p", Attribute: k.attr, Range: iam.MakeRange(r)})
		}
		if got := countPolicies(&iam.Model{Documents: docs}); got != len(want) {
			t.Errorf("%d documents: counted %d, want %d", n, got, len(want))
		}
	}
}
