package plan

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/iamlint/iamlint/linter/eval"
)

// streamed returns, for every block p.StreamHeld builds (chunks of
// chunk), its address, body range and value as text, and, for each, the
// bytes of its policy's range that p.Lit gives in fn (when p reads
// windows).
func streamed(t *testing.T, p *Plan, chunk int) (bodies, lits map[string]string) {
	t.Helper()
	bodies, lits = map[string]string{}, map[string]string{}
	lit := p.Lit()
	if diags := p.StreamHeld(chunk, func(blocks []*eval.Block) {
		for _, b := range blocks {
			if b.Body == nil {
				continue
			}
			bodies[b.Address] = fmt.Sprintf("%v %#v", b.Body.Range, b.Body.Val.GoString())
			if pol := b.Body.Get("policy"); pol != nil && lit != nil {
				if l := lit(pol.Range.Start.Byte, pol.Range.End.Byte); l != nil {
					lits[b.Address] = string(l)
				}
			}
		}
	}, func() *eval.Block { return nil }); len(diags) > 0 {
		t.Fatal(diags)
	}
	return bodies, lits
}

// TestUseWindows: a plan loaded with CopyStrings and read through windows
// builds the bodies the plan kept in memory builds (same values, same
// ranges in the plan), whatever the chunks; its strings share nothing of
// the bytes; Lit gives the literal of each body's policy while fn reads
// its chunk; a window that cannot be read ends the stream with an
// ErrWindow.
func TestUseWindows(t *testing.T) {
	src := []byte(strings.Replace(string(heldPlan(50)), `{"address"`, "\n  {\"address\"", -1))
	opts := Options{SkipBefore: true, Lazy: true}
	mem, diags := Load("p.json", src, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want, _ := streamed(t, mem, 7)
	if len(want) != 50 {
		t.Fatalf("%d bodies", len(want))
	}
	for _, chunk := range []int{1, 7, 64} {
		copied := append([]byte(nil), src...)
		opts.CopyStrings = true
		p, diags := Load("p.json", copied, opts)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		reads := 0
		p.UseWindows(func(lo, hi int, buf []byte) (int, []byte, error) {
			reads++
			// A window that starts before lo and ends after hi, as a
			// read of whole segments does.
			a, b := max(0, lo-5), min(len(copied), hi+3)
			return a, append(buf[:0], copied[a:b]...), nil
		})
		if !p.Windowed() {
			t.Fatal("not windowed")
		}
		if _, ok := p.After.Sources["p.json"]; ok {
			t.Error("Sources still holds the plan's bytes")
		}
		got, lits := streamed(t, p, chunk)
		if reads == 0 {
			t.Errorf("chunk %d: no window read", chunk)
		}
		for addr, w := range want {
			if got[addr] != w {
				t.Errorf("chunk %d: %s: %s, want %s", chunk, addr, got[addr], w)
			}
			if l := lits[addr]; !strings.HasPrefix(l, `"{\"Version\"`) {
				t.Errorf("chunk %d: %s: the policy's literal from Lit is %q", chunk, addr, l)
			}
		}
		lo := uintptr(unsafe.Pointer(&copied[0]))
		for _, c := range p.Changes {
			for _, s := range []string{c.Address, c.Type, c.Name, c.Module, c.Mode} {
				if s != "" && uintptr(unsafe.Pointer(unsafe.StringData(s)))-lo < uintptr(len(copied)) {
					t.Errorf("%s: %q shares the plan's bytes", c.Address, s)
				}
			}
		}
	}
	p, diags := Load("p.json", src, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	failure := errors.New("changed")
	p.UseWindows(func(lo, hi int, buf []byte) (int, []byte, error) { return 0, nil, failure })
	diags = p.StreamHeld(7, func([]*eval.Block) {}, func() *eval.Block { return nil })
	if len(diags) != 1 {
		t.Fatalf("a window that cannot be read: %v", diags)
	}
	if e, ok := diags[0].Extra.(ErrWindow); !ok || !errors.Is(e.Err, failure) {
		t.Errorf("the diagnostic's Extra is %#v, want an ErrWindow of the read's error", diags[0].Extra)
	}
}

// TestLazyStringBeforeWindows: LazyString reads the plan's bytes, which
// UseWindows drops: it reads them before, and panics after (its callers
// read the attributes before; it has no way of its own to the windows).
func TestLazyStringBeforeWindows(t *testing.T) {
	src := heldPlan(3)
	p, diags := Load("p.json", src, Options{SkipBefore: true, Lazy: true, CopyStrings: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b := p.After.Modules[0].Blocks[1]
	if got, ok := p.LazyString(b, "name"); got != `{"n":1}` || !ok {
		t.Fatalf("LazyString before UseWindows = %q, %v", got, ok)
	}
	p.UseWindows(func(lo, hi int, buf []byte) (int, []byte, error) { return 0, src, nil })
	defer func() {
		if recover() == nil {
			t.Error("LazyString after UseWindows did not panic")
		}
	}()
	p.LazyString(b, "name")
}
