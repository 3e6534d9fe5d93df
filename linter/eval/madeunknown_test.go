package eval

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestInfiniteSaidMarker: infiniteSaid reads the mark sayHugeNumber's
// error of an infinite number carries (MadeUnknown.Infinite), not its
// words: reworded, it is still that error; another error with its words
// is not.
func TestInfiniteSaidMarker(t *testing.T) {
	cases := []struct {
		d    *hcl.Diagnostic
		want bool
	}{
		{&hcl.Diagnostic{Summary: "Number out of range", Detail: "reworded: not infinite in these words", Extra: MadeUnknown{Infinite: true}}, true},
		{&hcl.Diagnostic{Summary: "Number out of range", Detail: "x: a number is infinite (+Inf, ...); the value is unknown.", Extra: MadeUnknown{}}, false},
		{&hcl.Diagnostic{Summary: "Number out of range", Detail: "x: a number is infinite (+Inf, ...); the value is unknown."}, false},
	}
	for i, c := range cases {
		if got := infiniteSaid(c.d); got != c.want {
			t.Errorf("%d: infiniteSaid = %v, want %v", i, got, c.want)
		}
	}
}

// TestMadeUnknownMarks: the diagnostics of the evaluation that say a
// value is unknown because of the problem they report are marked so
// where they are made (MakesUnknown), those that do not say it are not,
// and only the error of an infinite number is infiniteSaid: the marks
// agree with the words the messages have today, which no reader reads.
// A mark does not keep repeated diagnostics apart (distinctDiags drops
// them as before).
func TestMadeUnknownMarks(t *testing.T) {
	dir := t.TempDir()
	src := `variable "nn" {
  type     = string
  nullable = false
}
module "m" {
  source = "./m"
  count  = 2
}
locals {
  inf     = 1 / 0
  pw      = pow(10, 1000)
  tr      = try(tostring(pow(10, 1000)), "s3:GetObject")
  undecl  = local.nothing
  uvar    = var.nothing
  cnt     = count.index
  outside = file("/etc/iamlint-outside.json")
  home    = file("~/x.json")
  missing = file("${path.module}/none.json")
  yml     = yamldecode("a: [")
  ts      = templatestring("$${", {})
  ts2     = templatestring("$${x}", {})
  fn      = nosuchfunction(1)
  attr    = { a = 1 }.b
  idx     = [1][5]
  big     = "${1 / 0}"
}
resource "aws_iam_policy" "p" {
  nn = var.nn
  a_inf = local.inf
  a_pw = local.pw
  a_tr = local.tr
  a_undecl = local.undecl
  a_uvar = local.uvar
  a_cnt = local.cnt
  a_outside = local.outside
  a_home = local.home
  a_missing = local.missing
  a_yml = local.yml
  a_ts = local.ts
  a_ts2 = local.ts2
  a_fn = local.fn
  a_attr = local.attr
  a_idx = local.idx
  a_big = local.big
}
`
	m := "variable \"x\" {}\noutput \"o\" { value = 1 / 0 }\n"
	abs, _ := filepath.Abs(dir)
	f, diags := parseFile(t, src, filepath.Join(abs, "main.tf"))
	mf, _ := parseFile(t, m, filepath.Join(abs, "m", "main.tf"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, diags := NewConfig(abs, []*hcl.File{f})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	sub, _ := NewConfig(filepath.Join(abs, "m"), []*hcl.File{mf})
	opts := &Options{Allowed: []string{abs}, Sources: map[string][]byte{filepath.Join(abs, "main.tf"): []byte(src), filepath.Join(abs, "m", "main.tf"): []byte(m)},
		LoadModule: func(*Config, string, string, *Call) (*Config, hcl.Diagnostics) { return sub, nil }}
	_, diags = Evaluate(cfg, nil, opts)
	marked, infinite := 0, 0
	seen := map[string]int{}
	for _, d := range diags {
		says := strings.Contains(strings.ToLower(d.Detail), "is unknown")
		if MakesUnknown(d) != says {
			t.Errorf("%s: %s: marked %v, says it is unknown %v", d.Summary, d.Detail, MakesUnknown(d), says)
		}
		if inf := strings.Contains(d.Detail, "a number is infinite ("); infiniteSaid(d) != inf {
			t.Errorf("%s: %s: infiniteSaid %v", d.Summary, d.Detail, infiniteSaid(d))
		}
		if MakesUnknown(d) {
			marked++
		}
		if infiniteSaid(d) {
			infinite++
		}
		k := d.Summary + d.Detail
		if d.Subject != nil {
			k += d.Subject.String()
		}
		if seen[k]++; seen[k] == 2 {
			t.Errorf("said twice: %s: %s", d.Summary, d.Detail)
		}
	}
	if marked < 12 || infinite < 2 {
		t.Errorf("%d marked, %d infinite:\n%v", marked, infinite, diags)
	}
}

func parseFile(t *testing.T, src, name string) (*hcl.File, hcl.Diagnostics) {
	t.Helper()
	return hclsyntax.ParseConfig([]byte(src), name, hcl.InitialPos)
}
