package linter

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// maskSensitiveInPlace masks as maskSensitive does (ranges out of order,
// overlapping, past the end, over multi-byte characters and line ends).
func TestMaskSensitiveInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	alphabet := []string{"a", "b", "\n", "\r", "é", "日", "{", "\"", " "}
	for n := range 2000 {
		var b bytes.Buffer
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		src := b.Bytes()
		var ranges [][2]int
		at := 0
		for range rng.IntN(5) {
			a := at + rng.IntN(6) - 1
			e := a + rng.IntN(8)
			ranges = append(ranges, [2]int{max(a, 0), e})
			at = e
		}
		want := maskSensitive(src, ranges)
		got := maskSensitiveInPlace(bytes.Clone(src), ranges)
		if !bytes.Equal(got, want) {
			t.Fatalf("case %d: %q %v: got %q, want %q", n, src, ranges, got, want)
		}
	}
}

// The blocks' addresses and names are copied out of the plan's bytes with
// their texts; an instance of a site shares its copy.
func TestUnsharerBlocks(t *testing.T) {
	src := []byte(`module.m.aws_instance.web["a"] web aws_instance other.addr f`)
	str := func(a, b int) string { return unsafe.String(&src[a], b-a) }
	addr, name, typ := str(0, 30), str(31, 34), str(35, 47)
	other := str(48, 58)
	bs := &blockSummary{
		sites: []blockSite{{file: "f", typ: typ, name: name, addr: addr}, {typ: typ, name: "x", addr: other}},
		insts: []blockInst{{addr: addr, site: 0}, {addr: other, site: 1}, {addr: addr, site: 1}},
	}
	u := newUnsharer(src)
	u.blocks([]*blockSummary{bs})
	s0, s1 := bs.sites[0], bs.sites[1]
	for _, s := range []string{s0.addr, s0.name, s0.typ, s1.addr, s1.typ, bs.insts[0].addr, bs.insts[1].addr, bs.insts[2].addr} {
		if u.inSrc(s) {
			t.Errorf("%q still in the plan's bytes", s)
		}
	}
	if s0.addr != `module.m.aws_instance.web["a"]` || s0.name != "web" || s0.typ != "aws_instance" || s1.addr != "other.addr" {
		t.Errorf("texts changed: %+v", bs.sites)
	}
	if bs.insts[0].addr != s0.addr || bs.insts[1].addr != s1.addr || bs.insts[2].addr != s0.addr {
		t.Errorf("instances: %+v", bs.insts)
	}
	if unsafe.StringData(bs.insts[0].addr) != unsafe.StringData(s0.addr) || unsafe.StringData(s0.name) != unsafe.StringData(s0.addr[22:]) {
		t.Error("an instance's address or a site's name is not shared with its site's address")
	}
}
