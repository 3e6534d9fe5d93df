package linter

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestTextArena: a text has one number whatever copy of it is added, its
// bytes are the arena's own, texts longer than a block get their own, and
// texts whose hashes collide keep numbers of their own.
func TestTextArena(t *testing.T) {
	a := newTextArena()
	if a.add("") != 0 || a.text(0) != "" {
		t.Fatal(`"" is not 0`)
	}
	x := fmt.Sprint("statement grants ", 1)
	y := fmt.Sprint("statement grants ", 1)
	id := a.add(x)
	if a.add(y) != id || a.text(id) != x || unsafe.StringData(a.text(id)) == unsafe.StringData(x) {
		t.Fatal("not numbered once, or not copied")
	}
	long := strings.Repeat("x", arenaBlock+3)
	ids := map[uint32]string{}
	for i := range 20000 {
		s := fmt.Sprint("text ", i)
		if i%1000 == 0 {
			s = long + s
		}
		ids[a.add(s)] = s
	}
	if len(ids) != 20000 {
		t.Fatalf("%d numbers for 20000 texts", len(ids))
	}
	for id, s := range ids {
		if a.text(id) != s || a.add(s) != id {
			t.Fatalf("text %d: %q", id, a.text(id))
		}
	}
	// Every hash the same (hashMask 0): the texts are told apart all the
	// same.
	defer func(m uint64) { hashMask = m }(hashMask)
	hashMask = 0
	b := newTextArena()
	for range 2 {
		for i := range 10 {
			s := fmt.Sprint("t", i)
			if got := b.add(s); got != uint32(i+1) || b.text(got) != s {
				t.Fatalf("%q numbered %d (%q)", s, got, b.text(got))
			}
		}
	}
}

// TestPackedFindings: findings come out of a packedFindings as they went
// in, those that do not pack (a suppression, a position past 32 bits, an
// empty Related that is not nil) as well; same and setFingerprint work on
// both kinds.
func TestPackedFindings(t *testing.T) {
	// (A position past 32 bits: on 32-bit platforms, there is none.)
	far := int(^uint(0) >> 1)
	wantRaw := 2
	if int64(far) > math.MaxInt32 {
		wantRaw = 4
	}
	rng := func(file string, line, col, b int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: col, Byte: b}, End: hcl.Pos{Line: line, Column: col + 3, Byte: b + 3}}
	}
	fs := []Finding{
		{Rule: "r1", Severity: High, Message: "m1", Range: rng("a.tf", 1, 2, 3), Resource: "aws_iam_policy.a", PolicyKind: "identity", Fingerprint: "policy\x00s1"},
		{Rule: "r1", Severity: High, Message: "m1", Range: rng("a.tf", 4, 2, 30), Resource: "aws_iam_policy.a", PolicyKind: "identity", Fingerprint: "policy\x00s2",
			Related: []iam.Related{{Range: rng("b.tf", 1, 1, 0), Message: "here"}, {Range: rng("a.tf", 2, 1, 9), Message: ""}}},
		{Rule: "r2", Severity: Low, Message: "m2", Range: rng("b.tf", 9, 1, 80), Fingerprint: "\x00"},
		{Rule: "r2", Severity: Low, Message: "m2", Range: rng("b.tf", 9, 1, 80), Suppression: &Suppression{Kind: "inline"}},
		{Rule: "r2", Message: "far", Range: rng("c.tf", 1, 1, far-3)},
		{Rule: "r3", Message: "empty related", Related: []iam.Related{}},
		{Rule: "r3", Message: "related far", Related: []iam.Related{{Range: rng("c.tf", far, 1, 0)}}},
		{},
	}
	a := newTextArena()
	var p packedFindings
	p.pack(a, fs[:3])
	p.pack(a, fs[3:])
	if p.len() != len(fs) || len(p.raw) != wantRaw {
		t.Fatalf("%d findings, %d raw", p.len(), len(p.raw))
	}
	for i := range fs {
		got := p.finding(a, i, nil)
		if !sameFinding(&got, &fs[i]) || (got.Related == nil) != (fs[i].Related == nil) {
			t.Errorf("finding %d: %+v, want %+v", i, got, fs[i])
		}
		if file, res := p.where(a, i); file != fs[i].Range.Filename || res != fs[i].Resource {
			t.Errorf("finding %d: where %q %q", i, file, res)
		}
		if !p.same(a, i, &p, i) {
			t.Errorf("finding %d: not the same as itself", i)
		}
	}
	if p.same(a, 0, &p, 1) || p.same(a, 2, &p, 3) || p.same(a, 3, &p, 2) {
		t.Error("different findings the same")
	}
	for _, i := range []int{0, 4} {
		p.setFingerprint(a, i, "attr\x00stmt")
		if got := p.finding(a, i, nil); got.Fingerprint != "attr\x00stmt" {
			t.Errorf("finding %d: fingerprint %q", i, got.Fingerprint)
		}
	}
}

// TestPackedRelatedShared: the findings of one document, which share its
// slice of related locations, share one packed copy, and unpacked with
// one relCache, one slice; equal locations in another slice, and findings
// in between without any, are packed and unpacked on their own.
func TestPackedRelatedShared(t *testing.T) {
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "m.tf", Start: hcl.Pos{Line: line, Column: 1, Byte: line}, End: hcl.Pos{Line: line, Column: 4, Byte: line + 3}}
	}
	doc := []iam.Related{{Range: at(1), Message: "module called here"}, {Range: at(2), Message: "module called here"}}
	other := append([]iam.Related(nil), doc...)
	fs := []Finding{
		{Rule: "r", Message: "a", Range: at(5), Related: doc},
		{Rule: "r", Message: "b", Range: at(6), Related: doc},
		{Rule: "r", Message: "c", Range: at(7)},
		{Rule: "r", Message: "d", Range: at(8), Related: doc},
		{Rule: "r", Message: "e", Range: at(9), Related: other},
		{Rule: "r", Message: "f", Range: at(10), Related: doc[:1]},
	}
	a := newTextArena()
	var p packedFindings
	p.pack(a, fs)
	if len(p.rels) != 5 {
		t.Fatalf("%d related locations packed, want 5", len(p.rels))
	}
	var c relCache
	got := make([]Finding, len(fs))
	for i := range fs {
		got[i] = p.finding(a, i, &c)
		if !sameFinding(&got[i], &fs[i]) {
			t.Errorf("finding %d: %+v, want %+v", i, got[i], fs[i])
		}
	}
	if !sameSlice(got[0].Related, got[1].Related) || !sameSlice(got[1].Related, got[3].Related) {
		t.Error("a document's findings do not share their related locations")
	}
	if unsafe.SliceData(got[4].Related) == unsafe.SliceData(got[3].Related) || unsafe.SliceData(got[5].Related) == unsafe.SliceData(got[4].Related) {
		t.Error("related locations of another slice shared")
	}
	if g := p.finding(a, 1, nil); unsafe.SliceData(g.Related) == unsafe.SliceData(got[1].Related) {
		t.Error("related locations shared without a cache")
	}
}

// TestTextArenaMemo: the memo answers for a string's address only between
// begin and end: the same bytes, holding another text after end (as
// memory let go and reused would), get that text's number.
func TestTextArenaMemo(t *testing.T) {
	a := newTextArena()
	b := []byte("abc")
	s := unsafe.String(&b[0], len(b))
	a.begin()
	id := a.add(s)
	if a.add(s) != id || a.add("abc") != id {
		t.Fatal("abc numbered twice")
	}
	a.end()
	copy(b, "xyz")
	if got := a.add(s); got == id || a.text(got) != "xyz" {
		t.Fatalf("after end: %d %q", got, a.text(got))
	}
	copy(b, "pqr")
	a.begin()
	if got := a.add(s); got == id || a.text(got) != "pqr" {
		t.Fatalf("after begin: %d %q", got, a.text(got))
	}
	if a.text(id) != "abc" {
		t.Fatalf("text %d changed: %q", id, a.text(id))
	}
	a.end()
}
