package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// evalSrcOpts is evalSrcWith without the file.
func evalSrcOpts(t *testing.T, src string, opts *Options) ([]*Module, hcl.Diagnostics) {
	t.Helper()
	mods, _, diags := evalSrcWith(t, src, opts)
	return mods, diags
}

// arnsPolicySrc is a resource with count instances whose policy is the
// jsonencode of a statement of a local list of n ARNs (about 30 bytes
// each in its text).
func arnsPolicySrc(n, count int) string {
	var b strings.Builder
	b.WriteString("locals {\n  l = [")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"arn:aws:s3:::bucket-` + itoa(i) + `/*"`)
	}
	b.WriteString("]\n}\n")
	return b.String() + "resource \"aws_iam_policy\" \"p\" {\n  count  = " + itoa(count) + "\n" +
		"  policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = \"s3:GetObject\", Resource = local.l }] })\n}\n"
}

func itoa(i int) string { return strconv.Itoa(i) }

// The texts jsonencode writes count against the budgets of a root module:
// their bytes against the bytes of strings the function calls handle
// (maxStringWork), as any other function's result, and a unit a byte
// against the calls' work (maxCallWork, the first spent here): 400
// instances of a 890 KB policy wrote 356 MB of texts, none counted (count
// = 1000 of a 30,000-ARN policy: 900 MB, 4 s). Past the budget, the call's
// value is unknown, said once, and the texts after are not written.
func TestJSONEncodeSpendsStringWork(t *testing.T) {
	mods, diags := evalSrcOpts(t, arnsPolicySrc(30000, 400), &Options{}) // no KeepText: every text written
	said := 0
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary == summaryTooLarge && d.Subject.Start.Line == 6 {
			said++
		}
	}
	if said != 1 {
		t.Errorf("want one %s error at line 6: %v", summaryTooLarge, diags)
	}
	known, unknown := 0, 0
	size := 0
	for _, b := range mods[0].Blocks {
		if v := b.Body.Get("policy").Val; v.IsKnown() {
			known++
			size = len(v.AsString())
		} else {
			unknown++
		}
	}
	// The budget spent after about min(maxCallWork, maxStringWork) bytes
	// of texts.
	want := min(maxCallWork, maxStringWork) / max(size, 1)
	if known < want-2 || known > want+2 || known+unknown != 400 {
		t.Errorf("%d policies known (%d bytes each), %d unknown; want about %d known of 400", known, size, unknown, want)
	}
}

// A policy whose text is within maxShortJSON but whose strings' bound of
// six bytes a byte is not is counted again, exactly, and left unwritten
// (LazyJSON) when within it: a 540 KB text (a 20,000-ARN local) was
// written for each instance of its resource (counted as 3.2 MB).
func TestLazyTextExactRecount(t *testing.T) {
	mods, diags := evalSrcOpts(t, arnsPolicySrc(20000, 3), &Options{KeepText: testKeepText})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// The text written at once (no KeepText: no text left unwritten).
	eager, _ := evalSrcOpts(t, arnsPolicySrc(20000, 1), &Options{})
	want := eager[0].Blocks[0].Body.Get("policy").Val
	if eager[0].Blocks[0].Body.Get("policy").LazyJSON() || !want.IsKnown() {
		t.Fatal("the eager evaluation left the text unwritten")
	}
	if n := len(want.AsString()); n < 400_000 || n > maxShortJSON {
		t.Fatalf("the text is %d bytes: not the case tested", n)
	}
	for _, b := range mods[0].Blocks {
		n := b.Body.Get("policy")
		if !n.LazyJSON() {
			t.Errorf("%s: the policy's text was written", b.Address)
			continue
		}
		if got, ok := n.JSONText(); !ok || got != want.AsString() {
			t.Errorf("%s: the text is not jsonencode's", b.Address)
		}
	}
	// Past maxShortJSON, even counted exactly: written.
	mods, diags = evalSrcOpts(t, arnsPolicySrc(40000, 1), &Options{KeepText: testKeepText})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if n := mods[0].Blocks[0].Body.Get("policy"); n.LazyJSON() || !n.Val.IsKnown() {
		t.Errorf("a text of more than maxShortJSON bytes: lazy %v", n.LazyJSON())
	}
}

// A data source is not rendered once the strings budget is spent: its
// rendered value would be dropped (1,000 instances of a document of 30,000
// resources, each referenced, were each rendered then dropped: 30 s).
func TestRenderSkippedPastStringWork(t *testing.T) {
	src := `locals {
  kb = join("", [for i in range(1000) : "x"])
  mb = join("", [for i in range(1000) : local.kb])
  s  = join("", [for i in range(60) : local.mb])
  n  = [for i in range(5) : length(local.s)]
}
data "aws_iam_policy_document" "d" {
  count = 3
  x     = "y"
}
resource "aws_iam_policy" "p" {
  count  = 3
  policy = length(local.n) > 0 ? data.aws_iam_policy_document.d[count.index].json : ""
}
`
	renders := 0
	render := func(body *Node) cty.Value {
		renders++
		return cty.ObjectVal(map[string]cty.Value{"json": cty.StringVal("{}")})
	}
	mods, diags := evalSrcOpts(t, src, &Options{Renderers: map[string]DataRenderer{"aws_iam_policy_document": render}})
	if !diags.HasErrors() {
		t.Fatalf("no error: the budget was not spent")
	}
	if renders != 0 {
		t.Errorf("rendered %d times past the budget", renders)
	}
	for _, b := range mods[0].Blocks {
		if b.Mode == "resource" && b.Body.Get("policy").Val.IsKnown() {
			t.Errorf("%s: the policy is known", b.Address)
		}
	}
}

// A rendered document's texts, json and minified_json, count in the
// budgets of strings and of calls (spendText), as jsonencode's do: with the
// json alone counted, 1,000 instances of a document of 30,000 resources,
// each referenced by a policy, rendered about 200 documents (2.4 MB of
// texts each, kept) before the budget of strings was spent (8 CPU s, 1.1
// GB). A renderer of a 1 MiB json and a 1 MiB minified_json was called 257
// times; within the calls' budget (a unit a byte), at most 48 now.
func TestRenderTextsCounted(t *testing.T) {
	src := `data "aws_iam_policy_document" "d" {
  count = 1000
  x     = "y"
}
resource "aws_iam_policy" "p" {
  count  = 1000
  policy = data.aws_iam_policy_document.d[count.index].json
}
`
	text := cty.StringVal(strings.Repeat("x", 1<<20))
	renders := 0
	render := func(body *Node) cty.Value {
		renders++
		return cty.ObjectVal(map[string]cty.Value{"json": text, "minified_json": text})
	}
	_, diags := evalSrcOpts(t, src, &Options{Renderers: map[string]DataRenderer{"aws_iam_policy_document": render}})
	if !errorAt(diags, summaryTooLarge, 1) {
		t.Errorf("no %s error at line 1: %v", summaryTooLarge, diags)
	}
	if renders > maxCallWork/(2<<20)+1 {
		t.Errorf("rendered %d times, want at most %d", renders, maxCallWork/(2<<20)+1)
	}
}
