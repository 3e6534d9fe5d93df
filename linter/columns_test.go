package linter

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/textpos"
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

// TestCodePointColumnsManyFiles: positions in files visited in turn, and
// again later (related locations in another file, suppressed findings
// after), are each converted as if alone, and the files without a source
// are left as they are.
func TestCodePointColumnsManyFiles(t *testing.T) {
	srcs := map[string][]byte{}
	for i, name := range []string{"a.tf", "b.tf", "c.json"} {
		srcs[name] = []byte(strings.Repeat("é", i+1) + `x = "*" # ü` + "\n" + strings.Repeat("ab", i) + `y = "é*"` + "\n")
	}
	names := []string{"a.tf", "b.tf", "c.json", "none.tf"}
	pos := func(k int) hcl.Range {
		name := names[k%len(names)]
		src := srcs[name]
		if src == nil {
			src = srcs["a.tf"]
		}
		b := bytes.IndexByte(src, '*')
		if k%2 == 1 {
			b = bytes.LastIndexByte(src, '*')
		}
		line := 1 + bytes.Count(src[:b], []byte("\n"))
		col := b - bytes.LastIndexByte(src[:b], '\n') // byte columns, 1-based
		return hcl.Range{Filename: name, Start: hcl.Pos{Line: line, Column: col, Byte: b}, End: hcl.Pos{Line: line, Column: col + 1, Byte: b + 1}}
	}
	res := &Result{Sources: srcs}
	var all []Finding
	for k := range 40 {
		f := Finding{Rule: "r", Range: pos(k * 7 % 13)}
		if k%3 == 0 {
			f.Related = []iam.Related{{Range: pos(k + 1)}, {Range: pos(k + 2)}}
		}
		all = append(all, f)
	}
	res.Findings, res.Suppressed = all[:30], all[30:]
	// Each position converted alone, on a copy.
	want := func(r hcl.Range) (int, int) {
		src, ok := srcs[r.Filename]
		if !ok {
			return r.Start.Column, r.End.Column
		}
		s, e := r.Start, r.End
		textpos.Convert(src, []*hcl.Pos{&s, &e})
		return s.Column, e.Column
	}
	type cols struct{ s, e int }
	var exp []cols
	for _, f := range all {
		s, e := want(f.Range)
		exp = append(exp, cols{s, e})
		for _, rel := range f.Related {
			s, e := want(rel.Range)
			exp = append(exp, cols{s, e})
		}
	}
	codePointColumns(res, nil)
	var got []cols
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for _, f := range fs {
			got = append(got, cols{f.Range.Start.Column, f.Range.End.Column})
			for _, rel := range f.Related {
				got = append(got, cols{rel.Range.Start.Column, rel.Range.End.Column})
			}
		}
	}
	if len(got) != len(exp) {
		t.Fatalf("%d positions, want %d", len(got), len(exp))
	}
	// (The findings may be sorted again: compared as multisets.)
	count := map[cols]int{}
	for _, c := range exp {
		count[c]++
	}
	for _, c := range got {
		count[c]--
	}
	for c, n := range count {
		if n != 0 {
			t.Errorf("columns %v: %+d", c, n)
		}
	}
}

// TestCodePointColumnsParts: with more findings than one part walks
// (runs of 8,192, walked on several CPUs, then the suppressed findings,
// errors and notices), a file's positions in several parts, and a part of
// one file only, each position is converted as if alone.
func TestCodePointColumnsParts(t *testing.T) {
	srcs := map[string][]byte{}
	var names []string
	for i := range 5 {
		name := fmt.Sprintf("f%d.tf", i)
		names = append(names, name)
		var b strings.Builder
		for l := range 50 {
			fmt.Fprintf(&b, "%s = \"%s*\" # ü\n", strings.Repeat("é", (i+l)%4), strings.Repeat("ab", l%3))
		}
		srcs[name] = []byte(b.String())
	}
	pos := func(name string, k int) hcl.Range {
		src := srcs[name]
		stars := bytes.Count(src, []byte("*"))
		b := -1
		for range k%stars + 1 {
			b += 1 + bytes.IndexByte(src[b+1:], '*')
		}
		line := 1 + bytes.Count(src[:b], []byte("\n"))
		col := b - bytes.LastIndexByte(src[:b], '\n') // byte columns
		return hcl.Range{Filename: name, Start: hcl.Pos{Line: line, Column: col, Byte: b}, End: hcl.Pos{Line: line, Column: col + 1, Byte: b + 1}}
	}
	var all []Finding
	for k := range 3*8192 + 500 {
		name := names[0] // the first run: one file only
		if k >= 8192 {
			name = names[(k/1000)%len(names)]
		}
		f := Finding{Rule: "r", Range: pos(name, k)}
		if k%5 == 0 {
			f.Related = []iam.Related{{Range: pos(names[k%len(names)], k+1)}}
		}
		all = append(all, f)
	}
	res := &Result{Sources: srcs, Findings: all[:3*8192+100], Suppressed: all[3*8192+100:]}
	at := pos(names[2], 7)
	res.Errors = []Error{{File: names[2], Line: at.Start.Line, Column: at.Start.Column, at: &hcl.Pos{Line: at.Start.Line, Column: at.Start.Column, Byte: at.Start.Byte}}}
	want := func(r hcl.Range) [2]int {
		s, e := r.Start, r.End
		textpos.Convert(srcs[r.Filename], []*hcl.Pos{&s, &e})
		return [2]int{s.Column, e.Column}
	}
	var exp [][2]int
	for _, f := range all {
		exp = append(exp, want(f.Range))
		for _, rel := range f.Related {
			exp = append(exp, want(rel.Range))
		}
	}
	wantErr := want(at)[0]
	codePointColumns(res, nil)
	var got [][2]int
	for _, f := range append(append([]Finding(nil), res.Findings...), res.Suppressed...) {
		got = append(got, [2]int{f.Range.Start.Column, f.Range.End.Column})
		for _, rel := range f.Related {
			got = append(got, [2]int{rel.Range.Start.Column, rel.Range.End.Column})
		}
	}
	// (Sorted again when a column changed: compared as multisets.)
	slices.SortFunc(exp, func(a, b [2]int) int { return cmp.Or(a[0]-b[0], a[1]-b[1]) })
	slices.SortFunc(got, func(a, b [2]int) int { return cmp.Or(a[0]-b[0], a[1]-b[1]) })
	if !slices.Equal(got, exp) {
		t.Error("columns differ from each position converted alone")
	}
	if res.Errors[0].Column != wantErr {
		t.Errorf("error column %d, want %d", res.Errors[0].Column, wantErr)
	}
}
