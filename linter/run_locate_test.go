package linter

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/linter/iam"
)

// locateLinear is locateIn without indexes: each statement walked in order.
func locateLinear(f *Finding, docs []*iam.Document) (attr, stmt string) {
	return locateIn(f, docs, nil, nil)
}

func spanAt(file string, start, end int) hcl.Range {
	return hcl.Range{Filename: file,
		Start: hcl.Pos{Line: 1, Column: start + 1, Byte: start},
		End:   hcl.Pos{Line: 1, Column: end + 1, Byte: end}}
}

// TestLocateIndexMatchesWalk checks that the statement index gives the
// same statement as walking every statement, on random documents: disjoint
// and overlapping statements, statements in two files, ranges shared by two
// statements, ranges of no width at statement boundaries, empty file names.
func TestLocateIndexMatchesWalk(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	files := []string{"a.tf", "b.tf"}
	for iter := range 300 {
		// Few statements too: a document of many values gets an index.
		n := 1 + r.Intn(minIndexedStatements+40)
		d := &iam.Document{Address: "aws_iam_policy.p", Attribute: "policy", Kind: "identity",
			Range: iam.MakeRange(spanAt("a.tf", 0, 100000))}
		overlap := iter%5 == 0
		pos := 10
		var pts []hcl.Range
		for i := range n {
			file := files[0]
			if r.Intn(8) == 0 {
				file = files[1]
			}
			width := 1 + r.Intn(50)
			if r.Intn(10) == 0 {
				width = 0 // spans no more than a point: never contains
			}
			start := pos
			if overlap && r.Intn(3) == 0 {
				start -= r.Intn(20)
			}
			s := &iam.Statement{Range: iam.MakeRange(spanAt(file, start, start+width))}
			if r.Intn(3) == 0 {
				s.SetSid(iam.Value{Text: fmt.Sprintf("S%d", i), Known: true})
			}
			// Values: some inside the statement, some elsewhere (a value
			// located outside its statement, as a variable's default is).
			for range r.Intn(4) {
				vs := start + r.Intn(width+1)
				if r.Intn(4) == 0 {
					vs = r.Intn(pos + 60)
				}
				vr := spanAt(file, vs, vs+r.Intn(5))
				s.Actions = append(s.Actions, iam.Value{Text: "s3:GetObject", Known: true, Range: iam.MakeRange(vr)})
				pts = append(pts, vr)
			}
			if r.Intn(2) == 0 {
				er := spanAt(file, start, start+3)
				s.Resource = iam.Element{Present: true, Range: iam.MakeRange(er)}
				pts = append(pts, er)
			}
			if r.Intn(4) == 0 {
				cr := spanAt(file, start+1, start+2)
				sc := s.MutableScope()
				sc.Conditions = append(sc.Conditions, iam.Condition{Operator: iam.Value{Range: iam.MakeRange(cr)}, Key: iam.Value{Range: iam.MakeRange(cr)}})
			}
			pts = append(pts, spanAt(file, start, start), spanAt(file, start+width, start+width), spanAt(file, start+width/2, start+width))
			d.Statements = append(d.Statements, s)
			pos = start + width + r.Intn(3)
		}
		pts = append(pts, hcl.Range{}, spanAt("", 12, 14), spanAt("c.tf", 12, 14), spanAt("a.tf", 30, 20), spanAt("a.tf", 0, 100000))
		for range 50 {
			s := r.Intn(pos + 10)
			pts = append(pts, spanAt(files[r.Intn(2)], s, s+r.Intn(30)))
		}
		idx := indexStatements([][]*iam.Document{{d}})
		if n < minIndexedStatements {
			// (Indexed when it holds many values, whatever their number.)
			idx = map[*iam.Document]*stmtIndex{d: newStmtIndex(d)}
		}
		if !overlap && idx[d] == nil {
			t.Fatalf("iteration %d: no index for disjoint statements", iter)
		}
		for _, p := range pts {
			f := &Finding{Resource: d.Address, Range: p}
			wa, ws := locateLinear(f, []*iam.Document{d})
			ga, gs := locateIn(f, []*iam.Document{d}, idx, new(sidTexts))
			if wa != ga || ws != gs {
				t.Fatalf("iteration %d, range %v: index gives (%q, %q), walk gives (%q, %q)", iter, p, ga, gs, wa, ws)
			}
		}
	}
}

// TestSidTextsShared: the statement text of a long Sid is "sid:" and the
// Sid, one string for every copy of the Sid (by address, then by text);
// a short Sid's is made as it was.
func TestSidTextsShared(t *testing.T) {
	var st sidTexts
	long := strings.Repeat("s", minSharedSid)
	other := strings.Clone(long)
	a, b, c := st.text(long), st.text(other), st.text(long[1:])
	if a != "sid:"+long || b != a || c != "sid:"+long[1:] {
		t.Fatalf("texts %q..., %q..., %q...", a[:8], b[:8], c[:8])
	}
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("two copies of a Sid give two texts")
	}
	if got := st.text("x"); got != "sid:x" {
		t.Errorf("short Sid: %q", got)
	}
	if got := (*sidTexts)(nil).text(long); got != "sid:"+long {
		t.Errorf("no sidTexts: %q...", got[:8])
	}
}

// TestStmtIndexKeepsOutsideRangesOnly: the index keeps in eq only the
// ranges outside their own statement, and still finds the first statement
// holding a range shared by two statements, in either order.
func TestStmtIndexKeepsOutsideRangesOnly(t *testing.T) {
	in0, in1 := spanAt("a.tf", 12, 15), spanAt("a.tf", 32, 35)
	val := func(r hcl.Range) iam.Value {
		return iam.Value{Text: "s3:GetObject", Known: true, Range: iam.MakeRange(r)}
	}
	s0 := &iam.Statement{Range: iam.MakeRange(spanAt("a.tf", 10, 20)), Actions: []iam.Value{val(in0), val(in1)}}
	s1 := &iam.Statement{Range: iam.MakeRange(spanAt("a.tf", 30, 40)), Actions: []iam.Value{val(in1), val(in0)}}
	d := &iam.Document{Address: "aws_iam_policy.p", Attribute: "policy", Statements: []*iam.Statement{s0, s1}}
	x := newStmtIndex(d)
	if x == nil || len(x.eq) != 2 {
		t.Fatalf("index %+v: want eq of the 2 ranges outside their statement", x)
	}
	for _, c := range []struct {
		r    hcl.Range
		want int
	}{{in0, 0}, {in1, 0}, {spanAt("a.tf", 36, 38), 1}, {spanAt("a.tf", 22, 24), -1}} {
		if got := x.holder(d, c.r); got != c.want {
			t.Errorf("holder(%v) = %d, want %d", c.r, got, c.want)
		}
	}
}
