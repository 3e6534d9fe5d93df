package eval

import (
	"fmt"
	"strings"
	"testing"
)

// Conditionals and full splats nest without brackets, and both parsers take
// them recursively: 1,300,000 full splats (a 3.9 MB file) overflowed the
// stack of hclfast, 300,000 that of hclsyntax, 1,040,000 conditionals that
// of hclsyntax (a fatal error, the run lost). Found by redteam9. Runs that
// the syntax ends (a ',' or an attribute's '=' for conditionals, anything
// but a traversal for splats) do not add up; runs at enclosing depths do.
func TestCheckNestingChains(t *testing.T) {
	n := maxChainLevels + 1
	deep := map[string]string{
		"conditionals":        "locals {\n  x = " + strings.Repeat("1?1:", n) + "2\n}\n",
		"conditionals ==":     "locals {\n  x = " + strings.Repeat("a == 1 ? 1 : ", n) + "2\n}\n",
		"full splats":         "locals {\n  x = local.y" + strings.Repeat("[*]", n) + "\n}\n",
		"spaced splats":       "locals {\n  x = local.y" + strings.Repeat("[ * ][ 0 ].a", n) + "\n}\n",
		"splats, conditional": "locals {\n  x = " + strings.Repeat("a[*].b[*] ? 1 : ", n) + "3\n}\n",
		// 500 brackets, a run of 101 conditionals at each: 50,500 levels.
		"along brackets": "locals {\n  x = " + strings.Repeat(strings.Repeat("1?1:", 101)+"(", 500) + "1" + strings.Repeat(")", 500) + "\n}\n",
	}
	for name, src := range deep {
		d := CheckNesting([]byte(src), "c.tf", MaxNesting)
		if d == nil || d.Summary != "Nesting too deep" || !strings.Contains(d.Detail, "Conditionals (?) and full splats ([*]) in c.tf nest more than 50000 levels deep") {
			t.Errorf("%s: %v, want Nesting too deep", name, d)
			continue
		}
		if d.Subject.Start.Line != 2 {
			t.Errorf("%s: at line %d, want 2", name, d.Subject.Start.Line)
		}
	}
	var attrs, list, splatAttrs, siblings strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&attrs, "  a%d = var.x ? 1 : 2\n", i)
		fmt.Fprintf(&list, "var.x == %d ? 1 : 2,\n", i)
		fmt.Fprintf(&splatAttrs, "  s%d = aws_iam_role.r[*].arn\n", i)
		siblings.WriteString("(a ? 1 : 2) + ")
	}
	ok := map[string]string{
		"attributes":          "locals {\n" + attrs.String() + "}\n",
		"list elements":       "locals {\n  l = [\n" + list.String() + "  ]\n}\n",
		"splat attributes":    "locals {\n" + splatAttrs.String() + "}\n",
		"sibling brackets":    "locals {\n  x = " + siblings.String() + "1\n}\n",
		"question marks text": "locals {\n  x = \"" + strings.Repeat("?", 40000) + "\"\n  y = \"" + strings.Repeat("?", 40000) + "\"\n}\n",
	}
	for name, src := range ok {
		if d := CheckNesting([]byte(src), "ok.tf", MaxNesting); d != nil {
			t.Errorf("%s: %v, want nil", name, d)
		}
	}
}

// TestCheckNestingCountShortcut: CheckNesting's counting shortcut lets a
// file through only when its scan would: 50,000 conditionals inside the
// index of a full splat (a[*][c ? 1 : c ? ...]) are 50,001 chain levels,
// which the scan refuses; the shortcut counted the '?' alone against the
// bound (50,000), not the full splats, and let the file through.
func TestCheckNestingCountShortcut(t *testing.T) {
	src := []byte("locals {\n  x = a[*][" + strings.Repeat("1?1:", maxChainLevels) + "2]\n}\n")
	if scanNesting(src, "c.tf", MaxNesting, false) == nil {
		t.Fatal("scanNesting lets it through: the test is wrong")
	}
	if d := CheckNesting(src, "c.tf", MaxNesting); d == nil || !strings.Contains(d.Detail, "nest more than 50000 levels deep") {
		t.Errorf("CheckNesting = %v, want the scan's Nesting too deep", d)
	}
	// One conditional fewer: within the bound, through the shortcut or not.
	src = []byte("locals {\n  x = a[*][" + strings.Repeat("1?1:", maxChainLevels-1) + "2]\n}\n")
	if d := CheckNesting(src, "c.tf", MaxNesting); d != nil {
		t.Errorf("CheckNesting = %v, want nil", d)
	}
}
