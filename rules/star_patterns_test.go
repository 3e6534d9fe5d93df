package rules

import (
	"fmt"
	"math/rand"
	"runtime"
	"slices"
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
		if got, want := slices.Collect(expandPattern(p).All()), awsdata.Expand(p); !slices.Equal(got, want) {
			t.Errorf("expandPattern(%q) has %d actions, Expand %d", p, len(got), len(want))
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
	if acts.Len() < 1000 || len(res) == 0 {
		t.Fatalf("%q matches %d actions, %d sensitive: want a pattern matching thousands", p, acts.Len(), len(res))
	}
	allocs := testing.AllocsPerRun(5, func() { sensitiveInText(p) })
	if max := float64(2*len(res) + 20); allocs > max {
		t.Errorf("sensitiveInText(%q): %.0f allocations for %d matched, %d sensitive actions; want at most %.0f", p, allocs, acts.Len(), len(res), max)
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

// TestTextMemoSizedBudget: a memo with size keeps values past maxMemo texts
// while they add up to maxMemoBytes, and no more; one without keeps
// maxMemo texts.
func TestTextMemoSizedBudget(t *testing.T) {
	const small = 100
	m := textMemo[int]{size: func(v int) int { return v }}
	for i := range maxMemo + 1000 {
		m.get(fmt.Sprint("p", i), func(string) int { return small })
	}
	if len(m.m) != maxMemo+1000 {
		t.Fatalf("sized memo of small values holds %d texts, want %d", len(m.m), maxMemo+1000)
	}
	if m.bytes > maxMemoBytes {
		t.Fatalf("sized memo holds %d bytes, over %d", m.bytes, maxMemoBytes)
	}
	// A text stored again (get stores what getShared stored) is counted once.
	before := m.bytes
	m.mu.Lock()
	m.storeLocked("p1", small)
	m.mu.Unlock()
	if m.bytes != before {
		t.Fatalf("storing a kept text again counted %d more bytes", m.bytes-before)
	}
	big := textMemo[int]{size: func(v int) int { return v }}
	for i := range maxMemo + 1000 {
		big.get(fmt.Sprint("p", i), func(string) int { return 4096 })
	}
	if len(big.m) != maxMemo {
		t.Fatalf("sized memo of 4 KB values holds %d texts, want %d (the first maxMemo, then over maxMemoBytes)", len(big.m), maxMemo)
	}
	var plain textMemo[int]
	for i := range maxMemo + 10 {
		plain.get(fmt.Sprint("p", i), func(string) int { return 1 })
	}
	if len(plain.m) != maxMemo {
		t.Fatalf("memo without size holds %d texts, want %d", len(plain.m), maxMemo)
	}
}

// BenchmarkStarPatternsCold: 1,000 distinct lower-case "*x*y*z*w*" (the
// shape of issue 7's 100,000-pattern policy), each expanded once and asked
// by the four rules that expand it, from empty memos: the cost a distinct
// pattern adds to a run (0.45 ms at ff6e7f9, most of it the expansion).
func BenchmarkStarPatternsCold(b *testing.B) {
	r := rand.New(rand.NewSource(3))
	seen := map[string]bool{}
	var ps []string
	for len(ps) < 1000 {
		var sb strings.Builder
		sb.WriteByte('*')
		for range 4 {
			sb.WriteByte(byte('a' + r.Intn(26)))
			sb.WriteByte('*')
		}
		if p := sb.String(); !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	for _, p := range ps {
		awsdata.Expand(p) // past the work after which Expand builds its trie and columns
	}
	for b.Loop() {
		expandCache = textMemo[awsdata.Set]{size: awsdata.Set.Size}
		sensitiveMemo = textMemo[[]string]{}
		scopableWriteMemo = textMemo[bool]{}
		coversCache = sync.Map{}
		for _, p := range ps {
			sensitiveInText(p)
			coversService(p)
			scopableWriteText(p)
			unknownActionText(p)
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
	got := map[*awsdata.Action]bool{}
	for _, a := range sensitiveCatalog() {
		if got[a] {
			t.Errorf("sensitiveCatalog has %s twice", a.FullName())
		}
		got[a] = true
	}
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
