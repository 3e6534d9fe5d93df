package linter

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// callsReference is rootRun.calls as first written: the directories each
// root reaches, walked root by root (time and memory quadratic in a chain
// of calls), for comparison.
func callsReference(roots []string, edges map[string][]string) (mayCalled map[string]bool, shared map[string]int, lastOf map[int][]string) {
	mayCalled = map[string]bool{}
	reachers := map[string][]int{}
	for i, root := range roots {
		seen := map[string]bool{}
		todo := append([]string(nil), edges[root]...)
		for len(todo) > 0 {
			d := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if seen[d] {
				continue
			}
			seen[d] = true
			mayCalled[d] = true
			if d != root {
				reachers[d] = append(reachers[d], i)
			}
			todo = append(todo, edges[d]...)
		}
	}
	shared, lastOf = map[string]int{}, map[int][]string{}
	for d, rs := range reachers {
		if len(rs) >= 2 {
			last := slices.Max(rs)
			shared[d] = last
			lastOf[last] = append(lastOf[last], d)
		}
	}
	return mayCalled, shared, lastOf
}

// TestCallsMatchesReference: on random call graphs (cycles, roots calling
// roots, directories called by many), rootRun.calls finds the directories
// the roots may reach, those reached by several roots and the last root
// reaching each, as the walk root by root does.
func TestCallsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 7))
	for iter := range 2000 {
		nDirs := 1 + rng.IntN(12)
		dirs := make([]string, nDirs)
		for i := range dirs {
			dirs[i] = fmt.Sprintf("d%d", i)
		}
		var roots []string
		for _, d := range dirs {
			if rng.IntN(2) == 0 {
				roots = append(roots, d)
			}
		}
		edges := map[string][]string{}
		for _, d := range dirs {
			for range rng.IntN(4) {
				edges[d] = append(edges[d], dirs[rng.IntN(nDirs)])
			}
		}
		mayCalled, shared, lastOf := callsReference(roots, edges)
		r := &rootRun{}
		r.calls(roots, edges, false)
		if !maps.Equal(r.mayCalled, mayCalled) || !maps.Equal(r.shared, shared) {
			t.Fatalf("graph %d (roots %v, edges %v):\nmayCalled %v, want %v\nshared %v, want %v", iter, roots, edges, r.mayCalled, mayCalled, r.shared, shared)
		}
		for root, ds := range lastOf {
			got := slices.Clone(r.lastOf[root])
			slices.Sort(got)
			slices.Sort(ds)
			if !slices.Equal(got, ds) {
				t.Fatalf("graph %d (roots %v, edges %v): lastOf[%d] %v, want %v", iter, roots, edges, root, got, ds)
			}
		}
		if len(r.lastOf) != len(lastOf) {
			t.Fatalf("graph %d: lastOf %v, want %v", iter, r.lastOf, lastOf)
		}
	}
}

// TestCallsChainLinear: 20,000 module directories, each calling the next
// (each a root: a directory of .tf files), are told apart in time linear
// in the graph. Walking every root's reach was quadratic: 200 million map
// insertions and lists of reaching roots as long (iamlint on 10,000 such
// directories: 32 s and 1 GB of RSS at --max-module-depth 16, most of it
// here; 17 s for 4,000 at depth 1).
func TestCallsChainLinear(t *testing.T) {
	const n = 20000
	roots := make([]string, n)
	edges := map[string][]string{}
	for i := range n {
		roots[i] = fmt.Sprintf("mods/m%d", i)
		if i+1 < n {
			edges[roots[i]] = []string{fmt.Sprintf("mods/m%d", i+1)}
		}
	}
	r := &rootRun{}
	start := time.Now()
	r.calls(roots, edges, false)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("calls took %v for a chain of %d directories", d, n)
	}
	if len(r.mayCalled) != n-1 || len(r.shared) != n-2 || r.shared["mods/m5"] != 4 {
		t.Errorf("mayCalled %d, shared %d (m5: last reached by %d), want %d, %d, 4", len(r.mayCalled), len(r.shared), r.shared["mods/m5"], n-1, n-2)
	}
}
