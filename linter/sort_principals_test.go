package linter

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/effective"
)

// TestSortPrincipalsIsStable checks sortPrincipals against a stable sort of
// the summaries themselves, on summaries of few kinds and addresses (many
// equal keys, told apart by Name), and on none (an empty, non-nil result).
func TestSortPrincipalsIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	kinds := []string{"user", "group", "role", "permission-set"}
	for _, n := range []int{0, 1, 2, 17, 500, 5000} {
		ps := make([]effective.PrincipalSummary, n)
		for i := range ps {
			ps[i] = effective.PrincipalSummary{Kind: kinds[r.IntN(len(kinds))], Address: fmt.Sprintf("aws_iam_role.r%d", r.IntN(7)), Name: fmt.Sprint(i)}
		}
		want := slices.Clone(ps)
		slices.SortStableFunc(want, func(a, b effective.PrincipalSummary) int {
			if c := strings.Compare(a.Kind, b.Kind); c != 0 {
				return c
			}
			return strings.Compare(a.Address, b.Address)
		})
		got := sortPrincipals(ps)
		if got == nil || len(got) != n || (n > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%d summaries: sortPrincipals differs from a stable sort", n)
		}
		// The same summaries in parts (as the roots give them, some
		// empty): the same order.
		var parts [][]effective.PrincipalSummary
		for rest := ps; len(rest) > 0; {
			k := min(len(rest), r.IntN(40))
			parts = append(parts, rest[:k])
			rest = rest[k:]
		}
		got = sortPrincipals(parts...)
		if got == nil || len(got) != n || (n > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%d summaries in %d parts: sortPrincipals differs from a stable sort", n, len(parts))
		}
	}
}
