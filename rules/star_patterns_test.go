package rules

import (
	"fmt"
	"math/rand"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// starPatterns returns n distinct patterns like "*a*B*c*D*" (red team 19,
// issue 7: no ":", so a star covers it and each matches thousands of
// actions), plus service-qualified and sensitive-looking ones.
func starPatterns(n int, seed int64) []string {
	r := rand.New(rand.NewSource(seed))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:-"
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		b.WriteByte('*')
		for range 1 + r.Intn(4) {
			b.WriteByte(letters[r.Intn(len(letters))])
			if r.Intn(4) > 0 {
				b.WriteByte('*')
			}
		}
		p := b.String()
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return append(out, "s3:Get*", "SECRETSMANAGER:*", "*:Get*Secret*", "ssm:Get?arameter*", "kms:*crypt", "s3:*", "nosuch:*")
}

// sensitiveInTextByName is sensitiveInText as it was before
// sensitiveCatalog: each expanded action's name built, lower-cased and
// looked up in sensitiveActions.
func sensitiveInTextByName(text string) []string {
	t := strings.ToLower(text)
	if !hasWildcard(t) {
		return sensitiveInText(text)
	}
	var out []string
	for _, a := range awsdata.Expand(t) {
		if _, ok := sensitiveActions[strings.ToLower(a.FullName())]; ok {
			out = append(out, a.FullName())
		}
	}
	sort.Strings(out)
	return out
}

// coversServiceByMap is coversServiceUncached as it was before it counted
// runs: a map increment per action.
func coversServiceByMap(pattern string) []string {
	acts := awsdata.Expand(pattern)
	count := map[*awsdata.Service]int{}
	var order []*awsdata.Service
	for _, a := range acts {
		if count[a.Service] == 0 {
			order = append(order, a.Service)
		}
		count[a.Service]++
	}
	var out []string
	for _, s := range order {
		if count[s] == len(s.Actions) {
			out = append(out, s.Prefix)
		}
	}
	return out
}

func TestStarPatternsSameAsByName(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	nonEmpty := 0
	for _, p := range starPatterns(n, 7) {
		got, want := fmt.Sprint(sensitiveInText(p)), fmt.Sprint(sensitiveInTextByName(p))
		if got != want {
			t.Errorf("sensitiveInText(%q) = %s, by name %s", p, got, want)
		}
		if want != "[]" {
			nonEmpty++
		}
		got, want = fmt.Sprint(coversServiceUncached(p)), fmt.Sprint(coversServiceByMap(p))
		if got != want {
			t.Errorf("coversServiceUncached(%q) = %s, by map %s", p, got, want)
		}
		if got, want := len(expandPattern(p)), len(awsdata.Expand(p)); got != want {
			t.Errorf("expandPattern(%q) has %d actions, Expand %d", p, got, want)
		}
	}
	if nonEmpty < 10 {
		t.Fatalf("only %d patterns matched sensitive actions: the test data tests nothing", nonEmpty)
	}
}

// TestSensitiveInTextAllocs bounds sensitiveInText's allocations by its
// result, not by the thousands of actions a star pattern matches (it built
// and lower-cased each one's name: two allocations an action).
func TestSensitiveInTextAllocs(t *testing.T) {
	const p = "*e*t*"
	acts := expandPattern(p) // expanded and memoized once
	res := sensitiveInText(p)
	if len(acts) < 1000 || len(res) == 0 {
		t.Fatalf("%q matches %d actions, %d sensitive: want a pattern matching thousands", p, len(acts), len(res))
	}
	allocs := testing.AllocsPerRun(5, func() { sensitiveInText(p) })
	if max := float64(2*len(res) + 20); allocs > max {
		t.Errorf("sensitiveInText(%q): %.0f allocations for %d matched, %d sensitive actions; want at most %.0f", p, allocs, len(acts), len(res), max)
	}
}

// TestGetSharedComputesOnce: callers of one text at once compute it once,
// and a caller whose computation panicked leaves the others to compute.
func TestGetSharedComputesOnce(t *testing.T) {
	var m textMemo[int]
	var calls atomic.Int32
	release := make(chan struct{})
	f := func(string) int {
		calls.Add(1)
		<-release
		return 42
	}
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = m.getShared("k", f)
		}()
	}
	for calls.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if c := calls.Load(); c != 1 {
		t.Errorf("f called %d times, want 1", c)
	}
	for i, v := range got {
		if v != 42 {
			t.Errorf("caller %d got %d", i, v)
		}
	}
	if len(m.inflight) != 0 {
		t.Errorf("inflight left: %v", m.inflight)
	}

	var p textMemo[int]
	func() {
		defer func() { _ = recover() }()
		p.getShared("x", func(string) int { panic("boom") })
	}()
	if v := p.getShared("x", func(string) int { return 7 }); v != 7 {
		t.Errorf("after a panic got %d, want 7", v)
	}
	if len(p.inflight) != 0 {
		t.Errorf("inflight left after panic: %v", p.inflight)
	}
}

func BenchmarkStarPatterns(b *testing.B) {
	ps := starPatterns(200, 1)
	for _, p := range ps {
		expandPattern(p)
	}
	b.ResetTimer()
	for range b.N {
		for _, p := range ps {
			sensitiveInText(p)
			coversServiceUncached(p)
		}
	}
}

// TestSensitiveCatalogByLookup compares sensitiveCatalog (each name of
// sensitiveActions looked up in the catalog) with the way it was built
// before: every catalog action whose lower-cased full name is in
// sensitiveActions.
func TestSensitiveCatalogByLookup(t *testing.T) {
	want := map[*awsdata.Action]bool{}
	for _, a := range awsdata.Actions() {
		if _, ok := sensitiveActions[strings.ToLower(a.FullName())]; ok {
			want[a] = true
		}
	}
	got := sensitiveCatalog()
	if len(got) != len(want) {
		t.Fatalf("sensitiveCatalog has %d actions, the scan of the catalog %d", len(got), len(want))
	}
	for a := range want {
		if !got[a] {
			t.Errorf("sensitiveCatalog lacks %s", a.FullName())
		}
	}
	if len(want) < len(sensitiveActions)/2 {
		t.Errorf("only %d of the %d sensitive actions are in the catalog", len(want), len(sensitiveActions))
	}
}
