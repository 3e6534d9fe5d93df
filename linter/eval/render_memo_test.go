package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Block.Render computes a renderer's value once per body: again when the
// body is replaced (a plan block given its source's body), and not after
// DropBody.
func TestBlockRenderOncePerBody(t *testing.T) {
	calls := 0
	r := func(body *Node) cty.Value {
		calls++
		if body == nil {
			return cty.NullVal(cty.String)
		}
		return body.Val
	}
	b := &Block{Body: &Node{Val: cty.StringVal("a")}}
	for i := 0; i < 3; i++ {
		if got := b.Render(r); !got.RawEquals(cty.StringVal("a")) {
			t.Fatalf("Render = %#v", got)
		}
	}
	if calls != 1 {
		t.Errorf("renderer called %d times for one body, want 1", calls)
	}
	b.Body = &Node{Val: cty.StringVal("b")}
	if got := b.Render(r); !got.RawEquals(cty.StringVal("b")) || calls != 2 {
		t.Errorf("after a new body: Render = %#v, %d calls; want \"b\", 2", got, calls)
	}
	b.DropBody()
	if b.Body != nil || b.rendered != nil {
		t.Error("DropBody kept the body or its rendering")
	}
}
