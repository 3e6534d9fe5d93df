package plan

import (
	"testing"
	"unsafe"
)

// TestPendingResources checks what the resources of planned_values and
// prior_state become once resolved after resource_changes (loader.pending):
// their module (a path shared by several, and others between them), their
// deposed key (only prior_state's deposed object has one), and which of
// them are changes of their own.
func TestPendingResources(t *testing.T) {
	src := `{"format_version":"1.2",
"planned_values":{"root_module":{"resources":[
 {"address":"aws_iam_role.a","mode":"managed","type":"aws_iam_role","name":"a","values":{"name":"a"}},
 {"address":"aws_iam_role.only","mode":"managed","type":"aws_iam_role","name":"only","values":{"name":"o"}}],
 "child_modules":[{"address":"module.m","resources":[
  {"address":"module.m.aws_iam_role.b","mode":"managed","type":"aws_iam_role","name":"b","values":{"name":"b"}},
  {"address":"module.m.aws_iam_role.c","mode":"managed","type":"aws_iam_role","name":"c","values":{"name":"c"}}],
  "child_modules":[{"address":"module.m.module.n","resources":[
   {"address":"module.m.module.n.aws_iam_role.d","mode":"managed","type":"aws_iam_role","name":"d","values":{"name":"d"}}]}]}]}},
"resource_changes":[
 {"address":"aws_iam_role.a","mode":"managed","type":"aws_iam_role","name":"a","change":{"actions":["create"],"before":null,"after":{"name":"a"}}}],
"prior_state":{"values":{"root_module":{"resources":[
 {"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","values":{"json":"{}"}},
 {"address":"aws_iam_role.old","mode":"managed","type":"aws_iam_role","name":"old","deposed_key":"k1","values":{"name":"x"}}],
 "child_modules":[{"address":"module.m","resources":[
  {"address":"module.m.aws_iam_role.e","mode":"managed","type":"aws_iam_role","name":"e","values":{"name":"e"}}]}]}}}}`
	p, diags := Load("plan.json", []byte(src), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	type row struct{ addr, module, deposed, source, actions string }
	want := []row{
		{"aws_iam_role.a", "", "", FromResourceChanges, "[create]"},
		{"aws_iam_role.only", "", "", FromPlannedValues, "[no-op]"},
		{"module.m.aws_iam_role.b", "module.m", "", FromPlannedValues, "[no-op]"},
		{"module.m.aws_iam_role.c", "module.m", "", FromPlannedValues, "[no-op]"},
		{"module.m.module.n.aws_iam_role.d", "module.m.module.n", "", FromPlannedValues, "[no-op]"},
		{"data.aws_iam_policy_document.p", "", "", FromPriorState, "[read]"},
		{"aws_iam_role.old", "", "k1", FromPriorState, "[no-op]"},
		{"module.m.aws_iam_role.e", "module.m", "", FromPriorState, "[no-op]"},
	}
	if len(p.Changes) != len(want) {
		for _, c := range p.Changes {
			t.Logf("%s %s", c.Address, c.Source)
		}
		t.Fatalf("%d changes, want %d", len(p.Changes), len(want))
	}
	for i, c := range p.Changes {
		got := row{c.Address, c.Module, c.Deposed(), c.Source, fmtActions(c)}
		if got != want[i] {
			t.Errorf("change %d: %+v, want %+v", i, got, want[i])
		}
	}
}

func fmtActions(c *Change) string {
	s := "["
	for i, a := range c.Actions {
		if i > 0 {
			s += " "
		}
		s += string(a)
	}
	return s + "]"
}

// TestChangeSize: a Change fits the 224-byte size class on 64-bit
// platforms (a plan of 1,000,000 resources has as many Changes; the rare
// fields are behind Change.rare).
func TestChangeSize(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) == 8 && unsafe.Sizeof(Change{}) > 224 {
		t.Errorf("a Change is %d bytes, more than 224", unsafe.Sizeof(Change{}))
	}
}
