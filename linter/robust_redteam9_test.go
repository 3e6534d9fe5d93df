package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// A file under the default size limit whose expression nests by full
// splats (local.y[*][*]..., 1,300,000 of them: 3.9 MB) or by conditionals
// that hclfast hands to hclsyntax (1?1:1?1:..., 1,040,000, and a legacy
// index a.0.1 later in the file) overflowed the parser's stack: a fatal
// error, no report. Now it is a located error, and the other file of the
// directory is linted. The same holds for a template that templatestring
// reads, made at run time (700,000 conditionals: it overflowed hclsyntax's
// stack too).
func TestChainNestingNotFatal(t *testing.T) {
	for name, src := range map[string]string{
		"splats":              "locals {\n  x = local.y" + strings.Repeat("[*]", 1300000) + "\n  y = []\n}\n",
		"hclsyntax splats":    "locals {\n  x = local.y" + strings.Repeat("[*]", 600000) + "\n  y = a.0.1\n}\n",
		"hclsyntax ternaries": "locals {\n  x = " + strings.Repeat("1?1:", 1040000) + "2\n  y = a.0.1\n}\n",
		// A template made at run time, past any file's size limit.
		"templatestring": "locals {\n  x = templatestring(\"$${${local.c}2}\", {})\n  c = replace(format(\"%0700000d\", 0), \"0\", \"1?1:\")\n}\n" +
			"resource \"aws_iam_policy\" \"t\" {\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = local.x, Resource = \"*\" }] })\n}\n",
	} {
		dir := t.TempDir()
		writeFile(t, dir, "deep.tf", src)
		writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
		res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
		if len(res.Errors) != 1 || res.Errors[0].Line != 2 || !strings.Contains(res.Errors[0].Message, "nest more than 50000 levels deep") {
			t.Errorf("%s: errors %+v, want one Nesting too deep at line 2", name, res.Errors)
		}
		star := 0
		for _, f := range res.Findings {
			if f.Rule == "wildcard-action" {
				star++
			}
		}
		if star != 1 {
			t.Errorf("%s: %d wildcard-action findings, want 1 (main.tf is linted)", name, star)
		}
	}
}
