package extract

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// The Joiner's models share the shapes of the spaces so far, the first
// space's winning; a lookup that found none is reported when a later space
// records a shape there (the merged model would have found it).
func TestJoinerShapes(t *testing.T) {
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "m/main.tf", Start: hcl.Pos{Line: line, Column: 1, Byte: line * 10}, End: hcl.Pos{Line: line, Column: 5, Byte: line*10 + 4}}
	}
	unknownAt := func(r hcl.Range) iam.Value { return iam.Value{Range: iam.MakeRange(r)} }
	j := NewJoiner()
	m1, called := j.Next(&Space{graph: &iam.Graph{}, shapes: refShapes(iam.MakeRange(at(1)), "first"), rootDir: "a", called: []string{"m"}})
	if called {
		t.Error("space a: called")
	}
	if s, ok := m1.Graph.Shape(unknownAt(at(1))); !ok || s != "first" {
		t.Errorf("shape at 1: %q %v", s, ok)
	}
	if _, ok := m1.Graph.Shape(unknownAt(at(2))); ok {
		t.Error("shape at 2 before any space has one")
	}
	if j.ShapesMissed() {
		t.Error("missed before a later space has the shape")
	}
	m2, called := j.Next(&Space{graph: &iam.Graph{}, shapes: refShapes(iam.MakeRange(at(1)), "second", iam.MakeRange(at(2)), "later"), rootDir: "m"})
	if !called {
		t.Error("space m: not called (space a calls m)")
	}
	if s, _ := m2.Graph.Shape(unknownAt(at(1))); s != "first" {
		t.Errorf("shape at 1 in the second model: %q, want the first space's", s)
	}
	if !j.ShapesMissed() {
		t.Error("the first model's lookup at 2 found none; the second space has a shape there")
	}
	if !j.Called("m") || j.Called("a") {
		t.Error("Called")
	}
}

// refShapes is the shapeList of the shapes given after their ranges
// (range, shape, range, shape...).
func refShapes(rs ...any) shapeList {
	var l shapeList
	for i := 0; i < len(rs); i += 2 {
		l.addRef(rs[i].(iam.Range), rs[i+1].(string))
	}
	return l
}
