package eval

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestNodeSize keeps a Node within 184 bytes: one is made for every value
// of a configuration or plan (most in chunks of the evaluation's, where
// every byte counts; alone, the size class is 192). The rarely set fields
// live out of line (nodeMore).
func TestNodeSize(t *testing.T) {
	if s := unsafe.Sizeof(Node{}); s > 184 {
		t.Errorf("Node is %d bytes, want at most 184", s)
	}
}

// TestNodeSettersOwnCopy checks that the out-of-line fields of a copied
// node are its own: setting them on the copy leaves the original as it was.
func TestNodeSettersOwnCopy(t *testing.T) {
	a, b := &Node{Val: cty.StringVal("a")}, &Node{Val: cty.StringVal("b")}
	name := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 5, Byte: 4}}
	n := &Node{Val: cty.DynamicVal}
	n.SetAlts([]*Node{a, b})
	n.SetInst("aws_iam_user.u")
	n.SetNameRange(name)

	cp := *n
	cp.SetAlts(nil)
	cp.SetNameRange(hcl.Range{})
	if len(n.Alts()) != 2 || n.Inst() != "aws_iam_user.u" || n.NameRange() != name {
		t.Errorf("original changed by its copy: alts %d inst %q name %v", len(n.Alts()), n.Inst(), n.NameRange())
	}
	if cp.Alts() != nil || cp.Inst() != "aws_iam_user.u" || cp.NameRange() != (hcl.Range{}) {
		t.Errorf("copy: alts %v inst %q name %v", cp.Alts(), cp.Inst(), cp.NameRange())
	}
	cp.SetInst("")
	if cp.more != nil || n.Inst() != "aws_iam_user.u" {
		t.Errorf("copy without alts and inst keeps %+v; original inst %q", cp.more, n.Inst())
	}
	var zero Node
	if zero.Alts() != nil || zero.Inst() != "" || zero.NameRange() != (hcl.Range{}) {
		t.Error("zero node has out-of-line fields")
	}
}

// TestNameRangeShared checks that an attribute's NameRange is the one in
// the parsed syntax (no copy per node) and is what the syntax says.
func TestNameRangeShared(t *testing.T) {
	src := "resource \"aws_iam_policy\" \"p\" {\n  name = \"x\"\n  policy = jsonencode({ Version = \"2012-10-17\" })\n}\n"
	mods, f := evalSrc(t, src)
	body := mods[0].Blocks[0].Body
	syn := f.Body.(*hclsyntax.Body).Blocks[0].Body
	for _, k := range []string{"name", "policy"} {
		c := body.Attr(k)
		if c == nil || c.name != &syn.Attributes[k].NameRange {
			t.Fatalf("%s: name range not the syntax's", k)
		}
		if got := c.NameRange(); got.Start.Column != 3 || got.End.Column != 3+len(k) {
			t.Errorf("%s: name range %v", k, got)
		}
	}
	v := body.Attr("policy").JSONArg().Attr("Version")
	if got := v.NameRange(); got.Start.Line != 3 || got.Start.Column != 25 || got.End.Column != 32 {
		t.Errorf("Version: name range %v", got)
	}
}

// evalSrc evaluates src as the only file (main.tf) of a root module.
func evalSrc(t *testing.T, src string) ([]*Module, *hcl.File) {
	t.Helper()
	mods, f, diags := evalSrcDiags(t, src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return mods, f
}

// evalSrcDiags is evalSrc giving what the evaluation says instead of
// failing on its errors.
func evalSrcDiags(t *testing.T, src string) ([]*Module, *hcl.File, hcl.Diagnostics) {
	t.Helper()
	return evalSrcWith(t, src, &Options{})
}

// evalSrcWith is evalSrcDiags with options (Sources set here).
func evalSrcWith(t *testing.T, src string, opts *Options) ([]*Module, *hcl.File, hcl.Diagnostics) {
	t.Helper()
	cfg, f := mainTFConfig(t, src)
	opts.Sources = map[string][]byte{"main.tf": []byte(src)}
	mods, diags := Evaluate(cfg, nil, opts)
	return mods, f, diags
}

// mainTFConfig parses src as main.tf and makes its configuration, failing
// t on an error.
func mainTFConfig(t *testing.T, src string) (*Config, *hcl.File) {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, diags := NewConfig(".", []*hcl.File{f})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return cfg, f
}

// TestResourceBodyVal checks that a resource body's object value is not
// made (its members are), and that a data source's is.
func TestResourceBodyVal(t *testing.T) {
	src := "resource \"aws_iam_policy\" \"p\" {\n  name = \"x\"\n}\ndata \"aws_iam_policy_document\" \"d\" {\n  version = \"2012-10-17\"\n}\nresource \"aws_iam_role\" \"r\" {\n  name = aws_iam_policy.p.name\n}\n"
	mods, _ := evalSrc(t, src)
	var p, d, r *Block
	for _, b := range mods[0].Blocks {
		switch b.Address {
		case "aws_iam_policy.p":
			p = b
		case "data.aws_iam_policy_document.d":
			d = b
		case "aws_iam_role.r":
			r = b
		}
	}
	if p.Body.Val != cty.NilVal || len(p.Body.Keys) != 1 || p.Body.Get("name").Val.AsString() != "x" || p.Body.Get("path") != nil {
		t.Errorf("resource body: val %#v keys %v", p.Body.Val, p.Body.Keys)
	}
	if !d.Body.Val.Type().IsObjectType() || !d.Body.Val.Type().HasAttribute("version") {
		t.Errorf("data body value %#v", d.Body.Val)
	}
	if got := r.Body.Get("name"); got.Val != cty.StringVal("x") || got.RefTo() == nil || got.RefTo().Address != "aws_iam_policy.p" {
		t.Errorf("reference to the resource: %#v ref %v", got.Val, got.RefTo())
	}
}

// TestLazyTextNodeSize keeps a string node made from a recipe (one per
// string of a configuration, in the evaluation's chunks) within 232 bytes,
// and one of an unknown string with its partial text (and the nodeMore
// that points to it) within 328: the size class above is 352.
func TestLazyTextNodeSize(t *testing.T) {
	if s := unsafe.Sizeof(lazyTextNode{}); s > 232 {
		t.Errorf("lazyTextNode is %d bytes, want at most 232", s)
	}
	if s := unsafe.Sizeof(lazyPartialNode{}); s > 328 {
		t.Errorf("lazyPartialNode is %d bytes, want at most 328", s)
	}
}

// TestInterpolatedStringValues checks the values of interpolated strings,
// whose node holds the string (newLazyTextStr): cty's own for ASCII and
// for text that is not (normalized as cty.StringVal does), and each its
// own after many more are made.
func TestInterpolatedStringValues(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n  n = \"x\"\n  e = \"e\\u0301\"\n}\n")
	want := map[string]string{}
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "resource \"aws_iam_user\" \"u%d\" {\n  name = \"u-${local.n}-%d\"\n  path = \"caf${local.e}-%d\"\n}\n", i, i, i)
		want[fmt.Sprintf("aws_iam_user.u%d name", i)] = fmt.Sprintf("u-x-%d", i)
		want[fmt.Sprintf("aws_iam_user.u%d path", i)] = fmt.Sprintf("caf\u00e9-%d", i)
	}
	mods, _ := evalSrc(t, b.String())
	runtime.GC()
	got := 0
	for _, bl := range mods[0].Blocks {
		for _, k := range []string{"name", "path"} {
			w, ok := want[bl.Address+" "+k]
			if !ok {
				continue
			}
			v := bl.Body.Get(k).Val
			if !v.RawEquals(cty.StringVal(w)) || v.AsString() != w {
				t.Fatalf("%s %s = %#v, want %q", bl.Address, k, v, w)
			}
			got++
		}
	}
	if got != len(want) {
		t.Fatalf("%d values checked, want %d", got, len(want))
	}
}
