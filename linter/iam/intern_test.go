package iam

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// TestFromJSONStringOwnsTexts: no text of a fast-path Document points into
// the policy text (which the model would otherwise keep alive), and the
// Document is still the one FromTree builds (checkFast).
func TestFromJSONStringOwnsTexts(t *testing.T) {
	seeds := append([]string{
		`{"Statement":[{"Sid":"arn","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b","arn","arn:aws:s3:::c","arn:aws:s3:::c","arn:aws:s3:::c/x/y"],` +
			`"Principal":{"X":["x1","x","xx"]},"Condition":{"Op":{"k":["a","ab"],"kk":"k"},"Op2":{"k":"Op2"}}}]}`,
	}, fastSeeds...)
	for _, seed := range seeds {
		src := strings.Clone(seed)
		d, ok := FromJSONString(src, FileMapper("f.json", []byte(src)), Identity)
		if !ok {
			continue
		}
		checkFast(t, src, FileMapper("f.json", []byte(src)))
		o := textOwner{}
		if len(src) > 0 {
			o.lo = uintptr(unsafe.Pointer(unsafe.StringData(src)))
			o.hi = o.lo + uintptr(len(src))
		}
		var texts []string
		for _, s := range d.Statements {
			texts = append(texts, s.Sid().Text, s.Effect().Text)
			for _, vs := range [][]Value{s.Actions, s.NotActions(), s.Resources, s.NotResources()} {
				for _, v := range vs {
					texts = append(texts, v.Text)
				}
			}
			for _, p := range append(append([]Principal(nil), s.Principals()...), s.NotPrincipals()...) {
				texts = append(texts, p.Type.Text, p.ID.Text)
			}
			for _, c := range s.Conditions() {
				texts = append(texts, c.Operator.Text, c.Key.Text)
				for _, v := range c.Values {
					texts = append(texts, v.Text)
				}
			}
		}
		texts = append(texts, d.Version().Text)
		// The copies fill their allocation exactly.
		d2 := &Document{Kind: Identity}
		fromJSONString(d2, src, FileMapper("f.json", []byte(src)))
		o2 := textOwner{lo: o.lo, hi: o.hi}
		o2.document(d2)
		size := o2.size
		o2.buf.Grow(size)
		o2.copy, o2.prev = true, ""
		o2.document(d2)
		if o2.buf.Len() != size {
			t.Errorf("%q: copied %d bytes, counted %d", seed, o2.buf.Len(), size)
		}
		if seed == seeds[0] && o2.buf.String() != "arn:aws:s3:::b/*arn:aws:s3:::c/x/y" {
			t.Errorf("%q: copied %q", seed, o2.buf.String())
		}
		for _, s := range texts {
			if o.inSrc(s) {
				t.Errorf("%q: text %q points into the policy text", seed, s)
			}
		}
	}
}

// TestInternTextBounded: the table never holds more than its bound, long
// texts stay out of it, and concurrent use is safe (go test -race).
func TestInternTextBounded(t *testing.T) {
	if got, ok := internText(strings.Repeat("a", internMax+1)); ok || len(got) != internMax+1 {
		t.Fatalf("a text longer than internMax interned")
	}
	if _, ok := internText(""); ok {
		t.Fatalf("the empty text interned")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range internShards * internShardMax {
				s := fmt.Sprintf("x:%d:%d", g, i)
				if got, _ := internText(s); got != s {
					t.Errorf("internText(%q) = %q", s, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for i := range internTexts {
		sh := &internTexts[i]
		sh.mu.Lock()
		if len(sh.m) > internShardMax {
			t.Errorf("shard %d holds %d texts, more than %d", i, len(sh.m), internShardMax)
		}
		n += len(sh.m)
		sh.mu.Unlock()
	}
	if n > internShards*internShardMax {
		t.Fatalf("the table holds %d texts", n)
	}
	// Once full, a new text is still returned as is.
	if got, _ := internText("s3:SomethingNew"); got != "s3:SomethingNew" {
		t.Fatalf("internText on a full table = %q", got)
	}
}
