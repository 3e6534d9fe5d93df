package linter

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

func TestCodePointColumns(t *testing.T) {
	// Line 1: "é" is two bytes and one code point; the plan scanner's
	// columns are bytes (+1 after it), HCL's graphemes ("e" U+0301 is one).
	src := []byte(`{"a": "é", "b": "*", "c": "e` + "\u0301" + `*"}`)
	at := func(b, col int) hcl.Pos { return hcl.Pos{Line: 1, Column: col, Byte: b} }
	rng := func(file string, b, col int) hcl.Range {
		return hcl.Range{Filename: file, Start: at(b, col), End: at(b+3, col+3)}
	}
	star := bytes.Index(src, []byte(`"*"`)) // the "*" of "b"; byte column star+1, code points star
	last := bytes.LastIndexByte(src, '*')   // graphemes last-2, code points last-1
	res := &Result{
		Sources: map[string][]byte{"p.json": src},
		// Sorted by the columns given; r1's column (2) is of a unit that puts
		// it before r2 on the line, its byte offset after: sorted again.
		Findings: []Finding{
			{Rule: "r3", Range: rng("nosource.json", star, star+1)},
			{Rule: "r1", Range: rng("p.json", last, 2)},
			{Rule: "r2", Range: rng("p.json", star, star+1),
				Related: []iam.Related{{Range: rng("p.json", 1, 2)}, {Range: rng("other.tf", 40, 9)}}},
			{Rule: "r4", Range: hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 3, Column: 5}}}, // no byte offset
		},
		Errors: []Error{
			{File: "p.json", Line: 1, Column: star + 1, Message: "e", at: &hcl.Pos{Line: 1, Column: star + 1, Byte: star}},
			{File: "nosource.json", Line: 1, Column: 4, Message: "n", at: &hcl.Pos{Line: 1, Column: 4, Byte: 3}},
			{File: "p.json", Line: 2, Column: 6, Message: "no position"},
		},
	}
	codePointColumns(res, nil)
	type cols struct{ start, end int }
	got := map[string]cols{}
	for _, f := range res.Findings {
		got[f.Rule] = cols{f.Range.Start.Column, f.Range.End.Column}
	}
	want := map[string]cols{"r2": {star, star + 3}, "r1": {last - 1, last + 2}, "r3": {star + 1, star + 4}, "r4": {5, 0}}
	for r, w := range want {
		if got[r] != w {
			t.Errorf("%s: columns %v, want %v", r, got[r], w)
		}
	}
	var order []string
	for _, f := range res.Findings {
		order = append(order, f.Rule)
	}
	if strings.Join(order, " ") != "r3 r2 r1 r4" {
		t.Errorf("order %v, want r3 r2 r1 r4 (sorted again)", order)
	}
	if rel := res.Findings[1].Related; rel[0].Range.Start.Column != 2 || rel[1].Range.Start.Column != 9 {
		t.Errorf("related columns %d, %d, want 2 and 9 (no source: kept)", rel[0].Range.Start.Column, rel[1].Range.Start.Column)
	}
	if e := res.Errors; e[0].Column != star || e[1].Column != 4 || e[2].Column != 6 || e[0].at != nil || e[1].at != nil {
		t.Errorf("errors: %+v, want columns %d, 4 (no source), 6 (no position) and no position kept", e, star)
	}
}

// codePointRelated converts the ranges it is given, and nothing else of
// the result (the rest was converted before).
func TestCodePointRelated(t *testing.T) {
	src := []byte(`{"a": "é", "b": "*", "c": "*"}`)
	star := bytes.Index(src, []byte(`"*"`)) // byte column star+1, code points star
	rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: star + 1, Byte: star}, End: hcl.Pos{Line: 1, Column: star + 4, Byte: star + 3}}
	res := &Result{
		Sources:  map[string][]byte{"p.json": src},
		Findings: []Finding{{Rule: "r", Range: rng, Related: []iam.Related{{Range: rng}, {Range: rng}}}},
	}
	codePointRelated(res, []*hcl.Range{&res.Findings[0].Related[1].Range})
	f := res.Findings[0]
	if f.Range.Start.Column != star+1 || f.Related[0].Range.Start.Column != star+1 {
		t.Errorf("columns not given converted: %d, %d, want %d", f.Range.Start.Column, f.Related[0].Range.Start.Column, star+1)
	}
	if r := f.Related[1].Range; r.Start.Column != star || r.End.Column != star+3 {
		t.Errorf("columns given: %d-%d, want %d-%d", r.Start.Column, r.End.Column, star, star+3)
	}
}
