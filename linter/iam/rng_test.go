package iam

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestRangeRoundTrip(t *testing.T) {
	// run-time conversions, so that the test also builds where int has 32 bits
	u32 := uint64(math.MaxUint32)
	maxU32, big := int(u32), int(u32+1)
	minInt := math.MinInt
	cases := []hcl.Range{
		{},
		{Filename: "main.tf", Start: hcl.Pos{Line: 3, Column: 7, Byte: 40}, End: hcl.Pos{Line: 3, Column: 19, Byte: 52}},
		{Filename: "dir/ü.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}},
		{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: 123456789, Byte: 200000000}, End: hcl.Pos{Line: 1, Column: 123456790, Byte: 200000001}},
		{Filename: "x.tf", Start: hcl.Pos{Line: maxU32, Column: maxU32, Byte: maxU32}},
		// out of the bounds of a uint32: kept whole
		{Filename: "x.tf", Start: hcl.Pos{Line: -1, Column: 0, Byte: 0}},
		{Filename: "x.tf", End: hcl.Pos{Byte: big}},
		{Start: hcl.Pos{Column: -5}},
		{Filename: "x.tf", Start: hcl.Pos{Line: 2, Column: 5}, End: hcl.Pos{Line: 2, Column: minInt}},
		// end before start, more than 65535 lines or columns: kept whole
		{Filename: "x.tf", Start: hcl.Pos{Line: 5, Column: 5, Byte: 50}, End: hcl.Pos{Line: 4, Column: 9, Byte: 40}},
		{Filename: "x.tf", Start: hcl.Pos{Line: 5, Column: 9, Byte: 50}, End: hcl.Pos{Line: 5, Column: 5, Byte: 46}},
		{Filename: "x.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 65537, Column: 2, Byte: 900000}},
		{Filename: "x.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 65536, Column: 65535, Byte: 900000}},
		{Filename: "x.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 2, Column: 65536, Byte: 900000}},
		{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 7, Byte: 6}, End: hcl.Pos{Line: 1, Column: 65542, Byte: 65541}},
		{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 7, Byte: 6}, End: hcl.Pos{Line: 1, Column: 65543, Byte: 65542}},
	}
	for _, r := range cases {
		c := MakeRange(r)
		if got := c.HCL(); got != r {
			t.Errorf("MakeRange(%#v).HCL() = %#v", r, got)
		}
		if c.Filename() != r.Filename {
			t.Errorf("Filename() = %q, want %q", c.Filename(), r.Filename)
		}
		if c.String() != r.String() {
			t.Errorf("String() = %q, want %q", c.String(), r.String())
		}
		if c.IsZero() != (r == hcl.Range{}) {
			t.Errorf("IsZero() of %#v = %v", r, c.IsZero())
		}
		if *c.Ptr() != r {
			t.Errorf("Ptr() of %#v", r)
		}
		if c.StartByte() != r.Start.Byte {
			t.Errorf("StartByte() of %#v = %d", r, c.StartByte())
		}
		if id := c.FileID(); id != FileID(r.Filename) || FileName(id) != r.Filename {
			t.Errorf("FileID() of %#v = %d (%q), want %d", r, id, FileName(id), FileID(r.Filename))
		}
	}
	// Compact ranges are equal exactly when their hcl.Ranges are.
	for i, a := range cases {
		for j, b := range cases {
			if (MakeRange(a) == MakeRange(b)) != (i == j) {
				t.Errorf("MakeRange(%v) == MakeRange(%v) is %v", a, b, i != j)
			}
		}
	}
	if (Range{}).HCL() != (hcl.Range{}) {
		t.Errorf("zero Range is not the zero hcl.Range")
	}
}

func TestFileIDConcurrent(t *testing.T) {
	const n = 2500 // more than two chunks of the table
	var wg sync.WaitGroup
	ids := make([][n]uint32, 4)
	for g := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				ids[g][i] = FileID(fmt.Sprintf("concurrent/%d.tf", (i*7+g)%n))
			}
		}()
	}
	wg.Wait()
	for i := range n {
		name := fmt.Sprintf("concurrent/%d.tf", i)
		id := FileID(name)
		if FileName(id) != name {
			t.Fatalf("FileName(FileID(%q)) = %q", name, FileName(id))
		}
	}
	// every goroutine got the same id for the same name
	for g := range ids {
		for i := range n {
			name := fmt.Sprintf("concurrent/%d.tf", (i*7+g)%n)
			if ids[g][i] != FileID(name) {
				t.Fatalf("goroutine %d: %q has id %d, then %d", g, name, ids[g][i], FileID(name))
			}
		}
	}
}

func TestMappersCompact(t *testing.T) {
	src := []byte("{\n  \"Sid\": \"ü\",\n  \"x\": 1\n}")
	seg := []Seg{{Offset: 0, Len: len(src), File: "s.tf", Start: hcl.Pos{Line: 4, Column: 3, Byte: 30}, Verbatim: true, Src: src}}
	fixed := hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 2, Column: 1, Byte: 5}, End: hcl.Pos{Line: 2, Column: 9, Byte: 13}}
	for _, m := range []PosMapper{FileMapper("m.json", src), FixedMapper(fixed), SegmentMapper(seg, fixed), anyMapper{FileMapper("a.json", src)}} {
		c := toCompact(m)
		for a := 0; a <= len(src); a++ {
			for b := a; b <= len(src); b += 3 {
				if got, want := c.Compact(a, b).HCL(), m.Range(a, b); got != want {
					t.Fatalf("%T: Compact(%d, %d) = %v, want %v", m, a, b, got, want)
				}
			}
		}
	}
}

// TestRangeBounds makes ranges with every field at, around and past the
// bounds of the compact form (see Range): each gives back its hcl.Range, and
// two Ranges are == exactly when their hcl.Ranges are.
func TestRangeBounds(t *testing.T) {
	vals := func(bounds ...int) []int {
		var out []int
		for _, b := range bounds {
			out = append(out, b-1, b, b+1)
		}
		return out
	}
	lines := vals(0, 1, 1<<24)
	cols := vals(1, 1<<8, 1<<16)
	bytes := vals(0, 1<<16, 1<<20)
	lens := vals(0, 1<<11, 1<<17)
	dls := vals(0, 1<<8)
	endCols := vals(0, 1<<8, 1<<16)
	seen := map[Range]hcl.Range{}
	n := 0
	for _, line := range lines {
		for _, col := range cols {
			for _, b := range bytes {
				for _, l := range lens {
					for _, dl := range dls {
						for _, ec := range endCols {
							r := hcl.Range{Filename: "bounds.tf", Start: hcl.Pos{Line: line, Column: col, Byte: b},
								End: hcl.Pos{Line: line + dl, Column: ec, Byte: b + l}}
							// also a long line: the column near the byte
							for _, r := range []hcl.Range{r, {Filename: r.Filename, Start: hcl.Pos{Line: line, Column: b + 1 - col, Byte: b},
								End: hcl.Pos{Line: line + dl, Column: b + 1 - col + ec, Byte: b + l}}} {
								c := MakeRange(r)
								if got := c.HCL(); got != r {
									t.Fatalf("MakeRange(%#v).HCL() = %#v", r, got)
								}
								if o, ok := seen[c]; ok && o != r {
									t.Fatalf("MakeRange(%#v) == MakeRange(%#v)", r, o)
								}
								seen[c] = r
								if c.file&overflowBit == 0 {
									n++
								}
							}
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no range is compact")
	}
}

// FuzzRangeRoundTrip checks that MakeRange gives back every range exactly
// (compactRange relies on its bounds for it, without checking each range):
// ranges near the bounds of the compact form, and past them.
func FuzzRangeRoundTrip(f *testing.F) {
	f.Add(int32(1), int32(1), uint32(0), int16(0), int32(5), int32(4))
	f.Add(int32(1<<24-1), int32(1<<16), uint32(1<<20), int16(1), int32(3), int32(1<<17-1))
	f.Add(int32(7), int32(70000), uint32(69990), int16(0), int32(70010), int32(20))
	f.Add(int32(3), int32(1), uint32(0), int16(-1), int32(1), int32(0))
	f.Add(int32(3), int32(1), uint32(0), int16(255), int32(255), int32(300))
	f.Fuzz(func(t *testing.T, line, col int32, b uint32, dl int16, endCol, n int32) {
		r := hcl.Range{Filename: "fuzz.tf", Start: hcl.Pos{Line: int(line), Column: int(col), Byte: int(b)},
			End: hcl.Pos{Line: int(line) + int(dl), Column: int(endCol), Byte: int(b) + int(n)}}
		if got := MakeRange(r).HCL(); got != r {
			t.Fatalf("MakeRange(%#v).HCL() = %#v", r, got)
		}
	})
}
