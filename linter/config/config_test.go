package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

func TestFind(t *testing.T) {
	want, _ := filepath.Abs("testdata/good/.iamlint.hcl")
	for _, dir := range []string{"testdata/good", "testdata/good/sub/deeper", "testdata/good/sub/deeper/.keep"} {
		p, ok := Find(dir)
		if !ok || p != want {
			t.Errorf("Find(%s) = %s %v, want %s", dir, p, ok, want)
		}
	}
	if p, ok := Find(t.TempDir()); ok {
		t.Errorf("Find(tmp) found %s", p)
	}
}

func TestLoadGood(t *testing.T) {
	c, diags := Load("testdata/good/.iamlint.hcl")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if c.FailOn != "high" || c.MinSeverity != "low" || len(c.Exclude) != 3 || len(c.Ignores) != 4 {
		t.Fatalf("%+v", c)
	}
	// enable = ["wildcard-resource"]: only that rule runs.
	if !c.Enabled("wildcard-resource", false) || c.Enabled("console-user", true) || c.Enabled("oidc-trust-unscoped", true) || c.Enabled("wildcard-action", true) {
		t.Error("Enabled")
	}
	if c.Severity("wildcard-resource", linter.Medium) != linter.Low || c.Severity("wildcard-action", linter.Critical) != linter.Critical {
		t.Error("Severity")
	}
	if got := c.Option("wildcard-resource", "extra_resourceless_actions"); strings.Join(got, ",") != "cloudwatch:PutMetricData,xray:PutTraceSegments" {
		t.Errorf("option: %v", got)
	}
	if got := c.Option("oidc-trust-unscoped", "trusted_subjects"); len(got) != 1 {
		t.Errorf("option: %v", got)
	}
	if d := c.Validate([]string{"wildcard-resource", "oidc-trust-unscoped", "wildcard-action", "console-user", "passrole-wildcard", "wildcard-principal"}); d.HasErrors() {
		t.Error(d)
	}
	d := c.Validate([]string{"wildcard-action"})
	if len(d) != 6 || !strings.Contains(fmt.Sprint([]*hcl.Diagnostic(d)), `"oidc-trust-unscoped" is not a rule ID`) {
		t.Errorf("validate: %v", d)
	}
}

func TestExcluded(t *testing.T) {
	c, diags := Load("testdata/good/.iamlint.hcl")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cases := map[string]bool{
		"testdata/good/modules/legacy/main.tf":     true,
		"testdata/good/modules/legacy":             true,
		"testdata/good/modules/legacy2/main.tf":    false,
		"testdata/good/a/b/x.generated.tf":         true,
		"testdata/good/x.generated.tf":             true,
		"testdata/good/vendor/m/main.tf":           true,
		"testdata/good/main.tf":                    false,
		"testdata/good/sub/modules/legacy/main.tf": false,
		"testdata/other/modules/legacy/main.tf":    false,
	}
	for p, want := range cases {
		if got := c.Excluded(p); got != want {
			t.Errorf("Excluded(%s) = %v", p, got)
		}
	}
}

func TestLoadBad(t *testing.T) {
	_, diags := Load("testdata/bad/.iamlint.hcl")
	if !diags.HasErrors() {
		t.Fatal("no errors")
	}
	var got []string
	for _, d := range diags {
		if d.Subject == nil || d.Subject.Filename != "testdata/bad/.iamlint.hcl" || d.Subject.Start.Line == 0 {
			t.Errorf("diagnostic without file:line: %v", d)
			continue
		}
		got = append(got, fmt.Sprintf("%d %s", d.Subject.Start.Line, d.Summary))
	}
	sort.Strings(got)
	want := []string{
		"1 Invalid severity",
		"10 Invalid value",
		"13 Missing required argument",
		"2 Unsupported argument",
		"22 Invalid expiry date",
		"25 Unsupported block type",
		"5 Unsupported argument",
		"9 Invalid severity",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"), diags)
	}
}

func TestLoadMissingAndSyntax(t *testing.T) {
	if _, d := Load("testdata/nope.hcl"); !d.HasErrors() || d[0].Subject == nil {
		t.Error("missing file")
	}
	p := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(p, []byte("rule \"x\" {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, d := Load(p); !d.HasErrors() || d[0].Subject.Filename != p {
		t.Errorf("syntax: %v", d)
	}
	if _, d := Parse("dup.hcl", []byte("rule \"a\" {}\nrule \"a\" {}\n")); !d.HasErrors() || d[0].Subject.Start.Line != 2 {
		t.Errorf("dup: %v", d)
	}
	if _, d := Parse("r.hcl", []byte("ignore {\n rule = \"a\"\n address = \"b\"\n reason = \"  \"\n}\n")); !d.HasErrors() || d[0].Summary != "Empty reason" {
		t.Errorf("empty reason: %v", d)
	}
}

func finding(rule, res string) linter.Finding {
	return linter.Finding{Rule: rule, Resource: res, Severity: linter.High, Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1}}}
}

func TestApplyIgnores(t *testing.T) {
	c, diags := Load("testdata/good/.iamlint.hcl")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	fs := []linter.Finding{
		finding("wildcard-action", `module.legacy.aws_iam_policy.p["a"]`), // ignored
		finding("wildcard-resource", "module.legacy.aws_iam_policy.p"),    // kept: other rule
		finding("user-access-key", "aws_iam_policy.break_glass"),          // ignored by "*"
		finding("wildcard-principal", "aws_s3_bucket_policy.b"),           // kept: expired
		finding("wildcard-action", "module.legacy2x"),                     // kept? "module.legacy.*" needs the dot
	}
	kept, sup, probs := c.ApplyIgnores(fs, now)
	if len(sup) != 2 || len(kept) != 3 {
		t.Fatalf("kept %v sup %v", kept, sup)
	}
	if s := sup[0].Suppression; s.Kind != "config" || s.Reason != "being rewritten" || s.Expires != "2027-01-31" {
		t.Errorf("%+v", s)
	}
	if len(probs) != 2 || !strings.Contains(probs[0].Message, "unused ignore") || probs[0].Range.Start.Line != 31 ||
		!strings.Contains(probs[1].Message, "expired on 2020-01-01") || probs[1].Rule != InvalidSuppression || probs[1].Fingerprint == "" {
		t.Errorf("problems: %+v", probs)
	}
	// After its expiry, the first ignore stops working.
	kept, _, _ = c.ApplyIgnores(fs[:1], time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if len(kept) != 1 {
		t.Error("expired ignore still applies")
	}
	var nilc *Config
	if k, s, p := nilc.ApplyIgnores(fs, now); len(k) != 5 || len(s) != 0 || p != nil {
		t.Error("nil config")
	}
}

// Typos are reported where they are, in source order every time, with a
// suggestion for near misses.
func TestTyposPositionsAndOrder(t *testing.T) {
	src := []byte(`fail_on = "hihg"
disable = ["console-user", "user-direct-polcy"]
enable  = ["wildcard-acton"]
rule "wildcard-resourc" {
  severty = "low"
}
ignore {
  rule    = "wildcard-principle"
  address = "x"
  reason  = "r"
  expire  = "2027-01-01"
}
ignore {
  rule    = "passrole-wildcard"
  address = "y"
  reason  = "r"
}
`)
	known := []string{"console-user", "user-direct-policy", "wildcard-action", "wildcard-resource", "wildcard-principal", "passrole-wildcard"}
	var first string
	for i := 0; i < 20; i++ {
		c, diags := Parse("cfg.hcl", src)
		diags = append(diags, c.Validate(known)...)
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%d:%d %s: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail))
		}
		out := strings.Join(got, "\n")
		if i == 0 {
			first = out
			for _, want := range []string{
				`1:11 Invalid severity: fail_on = "hihg"`,
				`11:3 Unsupported argument: An argument named "expire" is not expected here. Did you mean "expires"?`,
				`2:28 Unknown rule: "user-direct-polcy" is not a rule ID; did you mean "user-direct-policy"?`,
				`3:12 Unknown rule: "wildcard-acton" is not a rule ID; did you mean "wildcard-action"?`,
				`4:6 Unknown rule: "wildcard-resourc" is not a rule ID; did you mean "wildcard-resource"?`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("missing %q in:\n%s", want, out)
				}
			}
			// Parse's own diagnostics come in source order.
			_, pd := Parse("cfg.hcl", src)
			for j := 1; j < len(pd); j++ {
				if pd[j].Subject.Start.Byte < pd[j-1].Subject.Start.Byte {
					t.Errorf("not in source order:\n%v", pd)
				}
			}
		} else if out != first {
			t.Fatalf("run %d gave other diagnostics:\n%s\nfirst:\n%s", i, out, first)
		}
	}
}

// invalid-suppression findings cannot be ignored (they are not passed through
// ignores): an ignore for the rule is an error that says what to do instead.
func TestIgnoreInvalidSuppressionIsAnError(t *testing.T) {
	c, diags := Parse("cfg.hcl", []byte("ignore {\n  rule    = \"invalid-suppression\"\n  address = \"*\"\n  reason  = \"r\"\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := c.Validate([]string{"invalid-suppression", "wildcard-action"})
	if len(d) != 1 || d[0].Subject.Start.Line != 2 || d[0].Subject.Start.Column != 13 || !strings.Contains(d[0].Detail, `disable = ["invalid-suppression"]`) {
		t.Errorf("%v", d)
	}
}

func TestApplyIgnoresRan(t *testing.T) {
	c, diags := Parse("cfg.hcl", []byte("ignore {\n  rule = \"wildcard-action\"\n  address = \"x\"\n  reason = \"r\"\n}\nignore {\n  rule = \"*\"\n  address = \"y\"\n  reason = \"r\"\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	// wildcard-action did not run: only the "*" ignore is unused.
	_, _, probs := c.ApplyIgnoresRan(nil, now, map[string]bool{"wildcard-resource": true})
	if len(probs) != 1 || probs[0].Range.Start.Line != 6 {
		t.Errorf("problems %+v", probs)
	}
	if _, _, probs := c.ApplyIgnoresRan(nil, now, map[string]bool{"wildcard-action": true}); len(probs) != 2 {
		t.Errorf("problems %+v", probs)
	}
}

// TestLoadEndlessFile: a --config naming a file that never ends (/dev/zero,
// a pipe fed for ever) is an error once it passes maxConfigSize, not a read
// that takes all the memory.
func TestLoadEndlessFile(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, d := Load("/dev/zero")
	if !d.HasErrors() || d[0].Summary != "Configuration file too large" || d[0].Subject == nil || d[0].Subject.Filename != "/dev/zero" {
		t.Fatalf("got %v", d)
	}
}
