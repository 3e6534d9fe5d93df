package extract

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// kindsSlow is kinds without the memo (the walk as it was).
func (x *extractor) kindsSlow(addr *eval.Block, visiting map[*eval.Block]bool) map[iam.Kind]bool {
	out := map[iam.Kind]bool{}
	if visiting[addr] {
		return out
	}
	visiting[addr] = true
	defer delete(visiting, addr)
	for k := range x.used[addr] {
		out[k] = true
	}
	for _, parent := range x.parts[addr] {
		for k := range x.kindsSlow(parent, visiting) {
			out[k] = true
		}
	}
	if len(out) == 0 {
		out[iam.Identity] = true
	}
	return out
}

// The remembered kinds are the walk's, asked in any order, on random graphs
// of sources and overrides (cycles, shared parents, documents without
// consumers), and a chain of 20,000 documents is walked once, not once per
// document (quadratic: 8,000 took 45 CPU s).
func TestKindsMemoSameAsWalk(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	kinds := []iam.Kind{iam.Identity, iam.Resource, iam.Trust}
	for round := 0; round < 2000; round++ {
		n := 1 + rng.Intn(12)
		x := &extractor{used: map[*eval.Block]map[iam.Kind]bool{}, parts: map[*eval.Block][]*eval.Block{}}
		docs := make([]*eval.Block, n)
		for i := range docs {
			docs[i] = &eval.Block{Address: fmt.Sprintf("d%d", i)}
		}
		addr := func(i int) *eval.Block { return docs[i] }
		for i := 0; i < n; i++ {
			if rng.Intn(3) == 0 {
				x.used[addr(i)] = map[iam.Kind]bool{kinds[rng.Intn(len(kinds))]: true}
			}
			for e := rng.Intn(3); e > 0; e-- {
				x.parts[addr(i)] = append(x.parts[addr(i)], addr(rng.Intn(n)))
			}
		}
		for _, i := range rng.Perm(n) {
			got, want := x.kinds(addr(i), map[*eval.Block]bool{}), x.kindsSlow(addr(i), map[*eval.Block]bool{})
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("round %d: kinds(d%d) = %v, walk %v", round, i, got, want)
			}
		}
	}
	const n = 20000
	chain := make([]*eval.Block, n)
	for i := range chain {
		chain[i] = &eval.Block{Address: fmt.Sprintf("d%d", i)}
	}
	x := &extractor{used: map[*eval.Block]map[iam.Kind]bool{chain[0]: {iam.Resource: true}}, parts: map[*eval.Block][]*eval.Block{}}
	for i := 1; i < n; i++ {
		x.parts[chain[i]] = []*eval.Block{chain[i-1]}
	}
	for i := n - 1; i >= 0; i-- {
		if k := x.kinds(chain[i], map[*eval.Block]bool{}); !k[iam.Resource] || len(k) != 1 {
			t.Fatalf("chain: kinds(d%d) = %v", i, k)
		}
	}
	if len(x.kindsOf) != n {
		t.Errorf("chain: %d results remembered, want %d", len(x.kindsOf), n)
	}
}
