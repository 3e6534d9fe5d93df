package linter

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
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

// A summary's texts are copies of its own, not the bytes of the plan the
// blocks' strings point into; the first instance of a site has its
// site's address.
func TestSummaryTextsOwn(t *testing.T) {
	src := []byte(`module.m.aws_instance.web["a"] web aws_instance other.addr f module.m.aws_instance.web["b"]`)
	str := func(a, b int) string { return unsafe.String(&src[a], b-a) }
	addr, name, typ := str(0, 30), str(31, 34), str(35, 47)
	other, file, addr2 := str(48, 58), str(59, 60), str(61, 91)
	r := hcl.Range{Filename: file, Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 2, Byte: 1}}
	bs := summarizeBlocks([]*eval.Module{{Blocks: []*eval.Block{
		{Mode: "resource", Type: typ, Name: name, Address: addr, Range: r},
		{Mode: "data", Type: typ, Name: "x", Address: other, Range: r},
		{Mode: "resource", Type: typ, Name: name, Address: addr2, Range: r},
	}}})
	inSrc := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo := uintptr(unsafe.Pointer(&src[0]))
		return s != "" && p >= lo && p < lo+uintptr(len(src))
	}
	if len(bs.sites) != 2 || len(bs.insts) != 3 {
		t.Fatalf("%d sites, %d instances", len(bs.sites), len(bs.insts))
	}
	s0, s1 := &bs.sites[0], &bs.sites[1]
	for _, id := range []uint32{s0.addr, s0.name, s0.typ, s0.file, s1.addr, s1.typ, bs.insts[0].addr, bs.insts[1].addr, bs.insts[2].addr} {
		if inSrc(bs.text(id)) {
			t.Errorf("%q still in the plan's bytes", bs.text(id))
		}
	}
	if bs.text(s0.addr) != `module.m.aws_instance.web["a"]` || bs.text(s0.name) != "web" || bs.text(s0.typ) != "aws_instance" ||
		bs.text(s0.file) != "f" || bs.text(s1.addr) != "other.addr" || bs.text(s1.name) != "x" || s1.mode != modeOther || s0.mode != modeResource {
		t.Errorf("texts changed: %+v", bs.sites)
	}
	if bs.insts[0].addr != s0.addr || bs.insts[1].addr != s1.addr || bs.text(bs.insts[2].addr) != `module.m.aws_instance.web["b"]` || bs.insts[2].site != 0 {
		t.Errorf("instances: %+v", bs.insts)
	}
}
