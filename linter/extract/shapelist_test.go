package extract

import (
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestShapeListKinds checks the shapes of a list's entries of each kind,
// and of a list joined to another (add), in order.
func TestShapeListKinds(t *testing.T) {
	var a, b shapeList
	a.addPartial(iam.MakeRange(at(1, 1, 3)), "arn:aws:iam::"+eval.UnknownMarker+":role/"+eval.UnknownMarker)
	a.addBig(iam.MakeRange(at(2, 1, 3)), "big-a")
	a.addRef(iam.MakeRange(at(3, 1, 3)), "arn:aws:iam::*:root")
	b.addBig(iam.MakeRange(at(4, 1, 3)), "big-b")
	b.addRef(iam.MakeRange(at(5, 1, 3)), "arn:aws:iam::*:user/*")
	b.addPartial(iam.MakeRange(at(6, 1, 3)), "x-"+eval.UnknownMarker)
	a.add(&b)
	want := []string{"arn:aws:iam::*:role/*", "big-a", "arn:aws:iam::*:root", "big-b", "arn:aws:iam::*:user/*", "x-*"}
	if len(a.entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(a.entries), len(want))
	}
	for i, w := range want {
		if got := a.shape(i); got != w {
			t.Errorf("shape(%d) = %q, want %q", i, got, w)
		}
		if a.entries[i].r != iam.MakeRange(at(i+1, 1, 3)) {
			t.Errorf("entry %d at %v", i, a.entries[i].r)
		}
	}
	m := map[iam.Range]string{}
	addShapes(m, &a)
	if len(m) != len(want) || m[iam.MakeRange(at(6, 1, 3))] != "x-*" {
		t.Errorf("addShapes = %v", m)
	}
}
