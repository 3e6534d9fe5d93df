package iam

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLiteralMapperCompact checks LiteralMapper.compact against makeRange
// of its Range: the same Range whenever compact gives one, over starts
// with short and long columns (a one-line plan), long lines of non-ASCII
// text before the literal, lengths up to past the compact bound, and
// offsets out of the content.
func TestLiteralMapperCompact(t *testing.T) {
	id := FileID("plan.json")
	// Past 32 bits where int has 64 (a plain 1<<33 does not compile for
	// GOARCH=386; there it is 2^30-1, one more in-bounds start).
	bigByte := int(^uint(0) >> 2)
	starts := []hcl.Pos{
		{Line: 1, Column: 8, Byte: 7},
		{Line: 3, Column: 65530, Byte: 65600},
		{Line: 1, Column: 70000, Byte: 70000},
		{Line: 1, Column: 180000000, Byte: 180000040},
		{Line: 1, Column: 10, Byte: 200000},   // non-ASCII before it: gap too big
		{Line: 1 << 24, Column: 5, Byte: 9},   // line out of bounds
		{Line: 1, Column: 5, Byte: bigByte},   // byte out of bounds
		{Line: 2, Column: 65536, Byte: 65536}, // the first column past 16 bits
	}
	compacted := 0
	for _, st := range starts {
		m := LiteralMapper{File: "plan.json", Start: st, Len: 1<<lenBits + 10}
		for _, ab := range [][2]int{{0, 0}, {0, 1}, {3, 40}, {-5, 2}, {7, 3}, {100, 1<<lenBits + 99}, {100, 1<<lenBits + 100}, {1000, 1 << 20}, {65000, 66000}, {5, 1<<lenBits + 20}} {
			want := makeRange(id, m.Range(ab[0], ab[1]))
			got, ok := m.compact(id, ab[0], ab[1])
			if !ok {
				continue
			}
			compacted++
			if got != want {
				t.Errorf("start %v, offsets %v: compact %+v, makeRange %+v", st, ab, got, want)
			}
			if got.HCL() != m.Range(ab[0], ab[1]) {
				t.Errorf("start %v, offsets %v: compact gives back %v, want %v", st, ab, got.HCL(), m.Range(ab[0], ab[1]))
			}
		}
	}
	if compacted < 30 {
		t.Errorf("only %d ranges compacted", compacted)
	}
}
