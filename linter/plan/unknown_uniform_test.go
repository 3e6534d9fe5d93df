package plan

import (
	"runtime"
	"strings"
	"testing"
)

// TestUnknownsUniformArray: an after_unknown array whose elements are all
// true (or all false) is held as one tree and its length, not a pointer per
// element: [true, true, ...] of 40 million elements (a 200 MB plan, an
// array where the value is a string) took 980 MB of RSS and 56 s (at load 14), 405 MB
// and 11 s after. What it marks is the same: each element of a list
// unknown for all true, none for all false, and element by element for a
// mixed array (also past the first element that differs).
func TestUnknownsUniformArray(t *testing.T) {
	load := func(unk string) []bool {
		t.Helper()
		src := `{"format_version":"1.2","resource_changes":[{"address":"x.r","mode":"managed","type":"x","name":"r","change":{"actions":["create"],` +
			`"after":{"l":["a","b","c","d"]},"after_unknown":{"l":` + unk + `}}}]}`
		p, diags := Load("plan.json", []byte(src), Options{})
		if diags.HasErrors() || len(p.Changes) != 1 {
			t.Fatalf("%s: %v", unk, diags)
		}
		l := p.Changes[0].After.Body.Value().GetAttr("l")
		var known []bool
		for it := l.ElementIterator(); it.Next(); {
			_, v := it.Element()
			known = append(known, v.IsKnown())
		}
		return known
	}
	for unk, want := range map[string]string{
		"[true,true,true,true]":           "FFFF",
		"[true,true]":                     "FFTT",
		"[false,false,false,false]":       "TTTT",
		"[]":                              "TTTT",
		"[false,true,true,false]":         "TFFT",
		"[true,true,false,true]":          "FFTF",
		"[true,true,true,true,true,true]": "FFFF",
	} {
		var got strings.Builder
		for _, k := range load(unk) {
			if k {
				got.WriteByte('T')
			} else {
				got.WriteByte('F')
			}
		}
		if got.String() != want {
			t.Errorf("after_unknown %s: known %s, want %s", unk, got.String(), want)
		}
	}

	// The memory: a million trues (5 MB) allocated 8 MB for their
	// pointers and as much again for the copies of their growth.
	const n = 1 << 20
	src := []byte(`{"format_version":"1.2","resource_changes":[{"address":"x.r","mode":"managed","type":"x","name":"r","change":{"actions":["create"],` +
		`"after":{"s":"x"},"after_unknown":{"s":[` + strings.Repeat("true,", n-1) + `true]}}}]}`)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, diags := Load("plan.json", src, Options{}); diags.HasErrors() {
		t.Fatal(diags)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(len(src)) {
		t.Errorf("loading a plan of %d bytes, %d of them an array of trues, allocated %d bytes", len(src), 5*n, got)
	}
}
