package rules

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// closestActionRef is closestAction as it was: every name of the service
// lowered into a new string, then compared.
func closestActionRef(s *awsdata.Service, name string) string {
	best, bestD := "", 4
	ln := strings.ToLower(name)
	for _, a := range s.Actions {
		if d := editDistance(ln, strings.ToLower(a.Name), bestD); d < bestD {
			best, bestD = a.FullName(), d
		}
	}
	return best
}

// TestClosestActionSameAsLowered: closestAction, which lowers the catalog's
// ASCII names as it compares them, suggests what lowering them first did,
// for typos of every action of a few services and random names, and
// allocates nothing but the suggestion.
func TestClosestActionSameAsLowered(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-_é"
	edit := func(s string) string { return typo(r, s, letters) }
	n := 0
	for _, prefix := range []string{"s3", "iam", "ec2", "kms", "sts", "lambda"} {
		s, ok := awsdata.LookupService(prefix)
		if !ok {
			t.Fatalf("no service %s", prefix)
		}
		for _, a := range s.Actions {
			for _, name := range []string{edit(a.Name), strings.ToUpper(edit(a.Name)), edit(strings.Repeat(a.Name, 2)), "Get" + string(rune('A'+r.Intn(26)))} {
				if got, want := closestAction(s, name), closestActionRef(s, name); got != want {
					t.Fatalf("%s:%s: closestAction %q, lowering first %q", prefix, name, got, want)
				}
				n++
			}
		}
	}
	for i := 0; i < 2000; i++ {
		a, b := edit(strings.Repeat("GetObjectAcl", 1+r.Intn(8))), strings.ToUpper(edit("getobjectacl"))
		if got, want := editDistanceFold(strings.ToLower(a), b, 4), editDistance(strings.ToLower(a), strings.ToLower(b), 4); got != want {
			t.Fatalf("editDistanceFold(%q, %q) %d, editDistance of the lowered %d", a, b, got, want)
		}
	}
	t.Logf("%d names compared", n)
	s, _ := awsdata.LookupService("s3")
	if allocs := testing.AllocsPerRun(100, func() { closestAction(s, "Get12345") }); allocs > 1 {
		t.Errorf("closestAction of a name close to no action: %.0f allocations, want at most 1 (the lowered name)", allocs)
	}
}

// editDistance is the plain Levenshtein distance (the oracle of
// editDistanceFold), or limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// closestServiceRef is closestService as it was: the edit distance to
// every prefix.
func closestServiceRef(svc string) string {
	best, bestD := "", 3
	ls := strings.ToLower(svc)
	for _, s := range awsdata.Services() {
		if d := editDistanceFold(ls, s.Prefix, bestD); d < bestD {
			best, bestD = s.Prefix, d
		}
	}
	return best
}

// typo makes up to 3 random edits to s (a byte replaced, deleted or
// inserted, from letters' bytes).
func typo(r *rand.Rand, s, letters string) string {
	b := []byte(s)
	for k := r.Intn(4); k > 0 && len(b) > 0; k-- {
		i := r.Intn(len(b))
		switch r.Intn(3) {
		case 0:
			b[i] = letters[r.Intn(len(letters))]
		case 1:
			b = append(b[:i], b[i+1:]...)
		default:
			b = append(b[:i], append([]byte{letters[r.Intn(len(letters))]}, b[i:]...)...)
		}
	}
	return string(b)
}

// TestClosestServiceSameAsScan: closestService, which skips prefixes by
// byte masks and bag distance, suggests what comparing every prefix did,
// for typos of every prefix and random names.
func TestClosestServiceSameAsScan(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_é"
	for _, s := range awsdata.Services() {
		for range 4 {
			b := typo(r, s.Prefix, letters)
			for _, name := range []string{b, strings.ToUpper(b), "sv" + strconv.Itoa(r.Intn(1000))} {
				if got, want := closestService(name), closestServiceRef(name); got != want {
					t.Fatalf("%q: closestService %q, every prefix %q", name, got, want)
				}
			}
		}
	}
}
