package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/internal/ctyraw/ctyrawtest"
)

// ctyFastValues are values of the kinds evaluation builds objects and
// tuples of: primitives, unknowns (refined too), nulls, marks, collections,
// nested objects and tuples (made by objectVal and tupleVal, and by cty).
func ctyFastValues(ev *evaluator) []cty.Value {
	inner := testObj([]string{"Effect", "Action"}, map[string]*Node{
		"Effect": {Val: cty.StringVal("Allow")}, "Action": {Val: cty.TupleVal([]cty.Value{cty.StringVal("s3:*")})}})
	return append(ctyrawtest.Values(),
		ev.objectVal(inner), ev.tupleVal([]cty.Value{ev.objectVal(inner), cty.StringVal("z")}))
}

func TestObjectValMatchesCty(t *testing.T) {
	if !ctyraw.Fast() {
		t.Fatal("cty.Value's layout is not the one objectVal assumes: the fast path is off")
	}
	ev := &evaluator{}
	vals := ctyFastValues(ev)
	names := []string{"Effect", "Action", "Resource", "café", "e\u0301", "", "a b", "NUL\x00"}
	check := func(n *Node) {
		t.Helper()
		attrs := map[string]cty.Value{}
		for i, k := range n.Keys {
			attrs[k] = n.Kid(i).Val
		}
		want := cty.ObjectVal(attrs)
		for range 2 { // made, then from the table
			got := ev.objectVal(n)
			if !got.RawEquals(want) || !got.Type().Equals(want.Type()) {
				t.Fatalf("objectVal(%v) = %#v, cty.ObjectVal gives %#v", n.Keys, got, want)
			}
		}
	}
	for i := range vals {
		for j := range vals {
			for _, k := range [][2]string{{names[0], names[1]}, {names[i%len(names)], names[(j+1)%len(names)]}} {
				if k[0] == k[1] {
					continue
				}
				m := map[string]*Node{k[0]: {Val: vals[i]}, k[1]: {Val: vals[j]}}
				check(testObj([]string{k[0], k[1]}, m))
				// The other order: another key, the same type.
				check(testObj([]string{k[1], k[0]}, m))
			}
		}
		check(testObj([]string{"only"}, map[string]*Node{"only": {Val: vals[i]}}))
	}
	check(testObj(nil, nil))
}

func TestTupleValMatchesCty(t *testing.T) {
	ev := &evaluator{}
	vals := ctyFastValues(ev)
	check := func(elems []cty.Value) {
		t.Helper()
		want := cty.TupleVal(elems)
		for range 2 {
			got := ev.tupleVal(elems)
			if !got.RawEquals(want) || !got.Type().Equals(want.Type()) {
				t.Fatalf("tupleVal(%#v) = %#v, cty.TupleVal gives %#v", elems, got, want)
			}
		}
	}
	check(nil)
	check([]cty.Value{})
	for i := range vals {
		check([]cty.Value{vals[i]})
		for j := range vals {
			check([]cty.Value{vals[i], vals[j]})
		}
	}
}

func TestAttrValMatchesGetAttr(t *testing.T) {
	ev := &evaluator{}
	vals := ctyFastValues(ev)
	m := map[string]cty.Value{}
	for i, v := range vals {
		m[string(rune('a'+i))] = v
	}
	var ms Members
	for k, v := range m {
		ms.Set(k, &Node{Val: v})
	}
	made := &Node{}
	ms.Into(made)
	for _, obj := range []cty.Value{cty.ObjectVal(m), ev.objectVal(made), cty.ObjectVal(m).Mark("sensitive")} {
		for k, at := range obj.Type().AttributeTypes() {
			got, want := attrVal(obj, k, at), obj.GetAttr(k)
			if !got.RawEquals(want) || !got.Type().Equals(want.Type()) {
				t.Errorf("attrVal(%s) = %#v, GetAttr gives %#v", k, got, want)
			}
		}
	}
}

// Node.Get of a computed object value gives GetAttr's value, nil for a
// name the object does not have (a name in another normal form too).
func TestNodeGetComputedObject(t *testing.T) {
	v := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "caf\u00e9": cty.True, "l": cty.ListVal([]cty.Value{cty.NumberIntVal(1)})})
	n := &Node{Val: v}
	for _, k := range []string{"a", "caf\u00e9", "cafe\u0301", "l"} {
		c := n.Get(k)
		if c == nil || !c.Val.RawEquals(v.GetAttr(k)) {
			t.Errorf("Get(%q) = %#v, want %#v", k, c, v.GetAttr(k))
		}
	}
	for _, k := range []string{"b", "", "A"} {
		if c := n.Get(k); c != nil {
			t.Errorf("Get(%q) = %#v, want nil", k, c)
		}
	}
}

// Without the fast path (ctyraw's layout check failed), objectVal,
// tupleVal and attrVal are cty's own.
func TestCtyFallback(t *testing.T) {
	defer ctyraw.SetFast(false)()
	ev := &evaluator{}
	vals := ctyFastValues(ev)
	for i := range vals {
		n := testObj([]string{"a", "b"}, map[string]*Node{"a": {Val: vals[i]}, "b": {Val: vals[(i+1)%len(vals)]}})
		want := cty.ObjectVal(map[string]cty.Value{"a": vals[i], "b": vals[(i+1)%len(vals)]})
		if got := ev.objectVal(n); !got.RawEquals(want) {
			t.Fatalf("objectVal = %#v, want %#v", got, want)
		}
		if got := attrVal(want, "a", vals[i].Type()); !got.RawEquals(want.GetAttr("a")) {
			t.Fatalf("attrVal = %#v, want %#v", got, want.GetAttr("a"))
		}
		if got, want := ev.tupleVal(vals[i:]), cty.TupleVal(vals[i:]); !got.RawEquals(want) {
			t.Fatalf("tupleVal = %#v, want %#v", got, want)
		}
	}
	if ev.types.byKey.Len() != 0 {
		t.Fatalf("the type table holds %d types without the fast path", ev.types.byKey.Len())
	}
}

// TestObjectKeysShared checks the Keys objectValKeys gives: the keys in
// their order, one slice for objects of the same shape (that an append
// copies), another for another order or other value types.
func TestObjectKeysShared(t *testing.T) {
	ev := &evaluator{}
	node := func(keys []string, vals ...cty.Value) *Node {
		m := map[string]*Node{}
		for i, k := range keys {
			m[k] = &Node{Val: vals[i]}
		}
		return testObj(keys, m)
	}
	ab := []string{"a", "b"}
	_, k1 := ev.objectValKeys(node(ab, cty.StringVal("x"), cty.True), ab)
	_, k2 := ev.objectValKeys(node(ab, cty.StringVal("y"), cty.False), []string{"a", "b"})
	if len(k1) != 2 || k1[0] != "a" || k1[1] != "b" || &k1[0] != &k2[0] || cap(k1) != len(k1) {
		t.Fatalf("keys %v %v (cap %d): want one shared slice [a b] of capacity 2", k1, k2, cap(k1))
	}
	if k3 := append(k2, "c"); &k3[0] == &k1[0] {
		t.Fatal("an append to shared keys writes into them")
	}
	_, ba := ev.objectValKeys(node([]string{"b", "a"}, cty.True, cty.StringVal("x")), []string{"b", "a"})
	_, other := ev.objectValKeys(node(ab, cty.NumberIntVal(1), cty.True), ab)
	if ba[0] != "b" || ba[1] != "a" || &other[0] == &k1[0] || other[0] != "a" {
		t.Fatalf("keys %v %v: want [b a] and another [a b]", ba, other)
	}
	if _, none := ev.objectValKeys(node(nil), nil); none != nil {
		t.Fatalf("keys of an empty object %v, want nil", none)
	}
	// Not made by the table (a non-ASCII name): keys of their own.
	ue := []string{"é"}
	if _, k := ev.objectValKeys(node(ue, cty.True), ue); len(k) != 1 || &k[0] == &ue[0] {
		t.Fatalf("keys %v: want a copy", k)
	}
}
