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
		a := newTextArena()
		got := sortPrincipals(a, packPrincipals(a, ps))
		if got == nil || len(got) != n || (n > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%d summaries: sortPrincipals differs from a stable sort", n)
		}
		// The same summaries in parts (as the roots give them, some
		// empty): the same order.
		parts := []*packedPrincipals{nil}
		for rest := ps; len(rest) > 0; {
			k := min(len(rest), r.IntN(40))
			parts = append(parts, packPrincipals(a, rest[:k]))
			rest = rest[k:]
		}
		got = sortPrincipals(a, parts...)
		if got == nil || len(got) != n || (n > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%d summaries in %d parts: sortPrincipals differs from a stable sort", n, len(parts))
		}
	}
}

// TestPackedPrincipals: summaries come out of packPrincipals as they went
// in (nil and empty lists and maps told apart), and those that had one
// AccessLevels map share one.
func TestPackedPrincipals(t *testing.T) {
	shared := map[string][]string{"s3": {"List", "Read"}, "*": {"Write"}, "ec2": nil, "x\x80\x00y": {}}
	ps := []effective.PrincipalSummary{
		{Address: "aws_iam_role.a", Kind: "role", Name: "a", External: true, AdminEquivalent: true, Complete: true,
			EscalationPaths: []string{"iam:PassRole", "p2"}, AccessLevels: shared, Policies: []string{"aws_iam_policy.p", "arn:aws:iam::aws:policy/X (through group g)"}, Boundary: "b"},
		{Address: "aws_iam_user.u", Kind: "user", EscalationPaths: []string{}, Policies: []string{}, AccessLevels: map[string][]string{}},
		{Address: "aws_iam_group.g", Kind: "group", AccessLevels: shared},
		{Address: "aws_iam_group.h", Kind: "group", AccessLevels: map[string][]string{"s3": {"List", "Read"}, "*": {"Write"}, "ec2": nil, "x\x80\x00y": {}}},
	}
	// Maps whose texts have one length (made in one buffer, one after the
	// other): told apart.
	for _, svc := range []string{"a", "b", "c", "d"} {
		ps = append(ps, effective.PrincipalSummary{Address: "aws_iam_role." + svc, Kind: "role", AccessLevels: map[string][]string{svc: {"Read"}}})
	}
	a := newTextArena()
	p := packPrincipals(a, ps)
	levels := map[uint32]map[string][]string{}
	var got []effective.PrincipalSummary
	for i := range p.len() {
		got = append(got, p.summary(a, i, levels))
	}
	if !reflect.DeepEqual(got, ps) {
		t.Fatalf("got %#v\nwant %#v", got, ps)
	}
	for i, s := range got {
		if (s.Policies == nil) != (ps[i].Policies == nil) || (s.EscalationPaths == nil) != (ps[i].EscalationPaths == nil) ||
			(s.AccessLevels == nil) != (ps[i].AccessLevels == nil) || (s.AccessLevels["ec2"] == nil) != (ps[i].AccessLevels["ec2"] == nil) {
			t.Errorf("summary %d: nil and empty not told apart", i)
		}
	}
	if reflect.ValueOf(got[0].AccessLevels).Pointer() != reflect.ValueOf(got[2].AccessLevels).Pointer() {
		t.Error("a shared map is not shared")
	}
}
