package hclfast

import (
	"fmt"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestScratchRelease checks that the stacks go back to the pool cleared:
// a pooled stack must not keep the last file's tree alive.
func TestScratchRelease(t *testing.T) {
	sc := &scratch{}
	sc.exprs = append(sc.exprs, &hclsyntax.LiteralValueExpr{}, &hclsyntax.LiteralValueExpr{})
	sc.items = append(sc.items, objectItem{key: &hclsyntax.LiteralValueExpr{}})
	sc.blocks = append(sc.blocks, &hclsyntax.Block{})
	sc.parts = append(sc.parts, part{val: "x", expr: &hclsyntax.LiteralValueExpr{}})
	sc.exprs = sc.exprs[:1] // popped entries are cleared too
	sc.release()
	if len(sc.exprs)+len(sc.items)+len(sc.blocks)+len(sc.parts)+len(sc.buf) != 0 {
		t.Fatal("released stacks are not empty")
	}
	for _, e := range sc.exprs[:cap(sc.exprs)] {
		if e != nil {
			t.Error("an expression is still referenced")
		}
	}
	if it := sc.items[:cap(sc.items)][0]; it.key != nil || it.val != nil {
		t.Error("an object item is still referenced")
	}
	if sc.blocks[:cap(sc.blocks)][0] != nil {
		t.Error("a block is still referenced")
	}
	if pt := sc.parts[:cap(sc.parts)][0]; pt.expr != nil || pt.val != "" {
		t.Error("a template part is still referenced")
	}
}

// TestParseConcurrent parses files on several goroutines at once (the
// loader does), each checked against hclsyntax: the pooled stacks are
// never shared.
func TestParseConcurrent(t *testing.T) {
	var srcs [][]byte
	for i := range 40 {
		srcs = append(srcs, fmt.Appendf(nil, "resource \"r\" \"n%d\" {\n  a = [for x in var.l%d : \"${x}-%d\" if x != %d]\n  b = { k = f(1, [2, 3], \"s\"), l = <<EOF\n  line %d\n  EOF\n  }\n}\n", i, i, i, i, i))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				src := srcs[(w*7+k)%len(srcs)]
				if !check(t, src, "c.tf") {
					t.Errorf("fell back on %q", src)
				}
			}
		}()
	}
	wg.Wait()
}
