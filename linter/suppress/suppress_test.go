package suppress

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

var known = []string{"wildcard-action", "wildcard-resource", "wildcard-principal", "user-access-key", "privilege-escalation",
	"passrole-wildcard", "wildcard-service-action", RuleID}

const src = `# iamlint:ignore wildcard-resource -- CloudWatch agent needs it; expires 2027-06-30
resource "aws_iam_policy" "cw" {
  policy = jsonencode({
    Statement = [{ Action = "logs:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Action = "*", Resource = "*" }] // iamlint:ignore wildcard-action -- break-glass role
  })
  description = "# iamlint:ignore wildcard-action -- not a comment"
}

# iamlint:ignore wildcard-principal -- expired one; expires 2020-01-01
resource "aws_s3_bucket_policy" "b" {
  policy = "x"
}

# iamlint:ignore user-access-key -- nothing here
resource "aws_iam_user" "u" {}

#checkov:skip=CKV_AWS_63:legacy
resource "aws_iam_policy" "c" {
  #checkov:skip=CKV_AWS_355:vendor needs it
  policy = "y"
}

resource "aws_iam_policy" "t" {
  #tfsec:ignore:aws-iam-no-policy-wildcards:exp:2099-01-01
  policy = "z"
  #trivy:ignore:AVD-AWS-0057
  name = "n"
  #tfsec:ignore:aws-s3-enable-versioning
  x = 1
}
`

func at(line int) hcl.Range {
	return hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: line, Column: 3}, End: hcl.Pos{Line: line, Column: 6}}
}

func f(rule string, line int) linter.Finding {
	return linter.Finding{Rule: rule, Severity: linter.High, Message: rule, Range: at(line)}
}

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestParseAndApply(t *testing.T) {
	dirs, bad := ParseKnown("main.tf", []byte(src), known)
	if len(bad) != 0 {
		t.Fatalf("malformed: %+v", bad)
	}
	// ours: 4 (the one inside a string is not a comment); checkov 2; tfsec/trivy 2 (the unmapped tfsec ID is ignored).
	if len(dirs) != 8 {
		for _, d := range dirs {
			t.Logf("%+v", d)
		}
		t.Fatalf("got %d directives", len(dirs))
	}
	d0 := dirs[0]
	if d0.Source != Iamlint || strings.Join(d0.Rules, ",") != "wildcard-resource" || d0.Reason != "CloudWatch agent needs it" ||
		d0.Expires != "2027-06-30" || d0.Trailing || d0.NextLine != 2 || d0.Range.Start.Line != 1 {
		t.Fatalf("d0: %+v", d0)
	}
	if d1 := dirs[1]; !d1.Trailing || d1.Range.Start.Line != 10 || d1.Reason != "break-glass role" {
		t.Fatalf("d1: %+v", d1)
	}
	blocks := Blocks("main.tf", []byte(src))
	// 6 blocks and 2 multi-line attributes (policy = jsonencode({...})), in order.
	if len(blocks) != 8 || blocks[0] != (BlockRange{"main.tf", 2, 6}) || blocks[1] != (BlockRange{"main.tf", 3, 5}) {
		t.Fatalf("blocks: %+v", blocks)
	}
	findings := []linter.Finding{
		f("wildcard-resource", 4),   // 0: suppressed by d0 (block 2-6)
		f("wildcard-action", 4),     // 1: kept (other rule)
		f("wildcard-action", 10),    // 2: suppressed (trailing)
		f("wildcard-resource", 10),  // 3: kept (trailing comment names another rule)
		f("wildcard-action", 11),    // 4: kept (trailing scope is one line)
		f("wildcard-principal", 17), // 5: kept (expired)
		f("wildcard-action", 26),    // 6: checkov CKV_AWS_63 above the block
		f("wildcard-resource", 26),  // 7: checkov CKV_AWS_355 inside the block
		f("wildcard-action", 31),    // 8: tfsec on the line above
		f("wildcard-resource", 33),  // 9: trivy on the line above
		f("wildcard-resource", 35),  // 10: kept: the unmapped tfsec ID does nothing
	}
	kept, sup, probs := Apply(findings, dirs, blocks, now)
	if len(sup) != 6 || len(kept) != 5 {
		t.Fatalf("kept %v\nsuppressed %v", kept, sup)
	}
	wantKept := []int{4, 10, 11, 17, 35}
	for i, k := range kept {
		if k.Range.Start.Line != wantKept[i] || k.Suppression != nil {
			t.Errorf("kept[%d] = %+v", i, k)
		}
	}
	if s := sup[0].Suppression; s == nil || s.Kind != "inline" || s.Reason != "CloudWatch agent needs it" || s.Expires != "2027-06-30" {
		t.Errorf("sup[0]: %+v", s)
	}
	if s := sup[2].Suppression; s.Reason != "legacy" {
		t.Errorf("checkov reason: %+v", s)
	}
	if s := sup[4].Suppression; s.Reason != "tfsec:ignore:aws-iam-no-policy-wildcards" || s.Expires != "2099-01-01" {
		t.Errorf("tfsec: %+v", s)
	}
	// expired (line 15) and unused (line 20)
	if len(probs) != 2 {
		t.Fatalf("problems: %+v", probs)
	}
	if p := probs[0]; p.Rule != RuleID || p.Severity != linter.Medium || p.Range.Start.Line != 15 || !strings.Contains(p.Message, "expired on 2020-01-01") || p.Fingerprint == "" {
		t.Errorf("expired: %+v", p)
	}
	if p := probs[1]; p.Range.Start.Line != 20 || !strings.Contains(p.Message, "unused suppression") {
		t.Errorf("unused: %+v", p)
	}
	// When user-access-key did not run, its suppression is not stale.
	_, _, probs = ApplyWith(findings, dirs, blocks, Options{Now: now, Enabled: map[string]bool{"wildcard-principal": true}})
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "expired") {
		t.Errorf("enabled filter: %+v", probs)
	}
	// Expiry is inclusive of the day.
	_, sup2, _ := Apply([]linter.Finding{f("wildcard-resource", 4)}, dirs[:1], blocks, time.Date(2027, 6, 30, 23, 59, 0, 0, time.UTC))
	if len(sup2) != 1 {
		t.Error("suppression should hold on its expiry day")
	}
	_, sup2, probs = Apply([]linter.Finding{f("wildcard-resource", 4)}, dirs[:1], blocks, time.Date(2027, 7, 1, 0, 0, 1, 0, time.UTC))
	if len(sup2) != 0 || len(probs) != 1 {
		t.Error("suppression should expire the day after")
	}
}

func TestModuleCallChain(t *testing.T) {
	src := "# iamlint:ignore wildcard-action -- vendored module\nmodule \"app\" {\n  source = \"./app\"\n}\n"
	dirs, bad := Parse("main.tf", []byte(src))
	if len(bad) != 0 || len(dirs) != 1 {
		t.Fatal(bad, dirs)
	}
	fd := linter.Finding{Rule: "wildcard-action", Range: hcl.Range{Filename: "app/main.tf", Start: hcl.Pos{Line: 5}},
		Related: []iam.Related{{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 2}, End: hcl.Pos{Line: 4}}, Message: "module called here"}}}
	_, sup, probs := Apply([]linter.Finding{fd}, dirs, Blocks("main.tf", []byte(src)), now)
	if len(sup) != 1 || len(probs) != 0 {
		t.Fatalf("sup %v probs %v", sup, probs)
	}
}

func TestTrailingOnBlockHeader(t *testing.T) {
	src := "resource \"a\" \"b\" { # iamlint:ignore wildcard-action -- whole block\n  x = 1\n  y = 2\n}\nz = 3\n"
	dirs, bad := Parse("main.tf", []byte(src))
	if len(bad) != 0 || len(dirs) != 1 || !dirs[0].Trailing {
		t.Fatal(bad, dirs)
	}
	file, from, to := dirs[0].Scope(Blocks("main.tf", []byte(src)))
	if file != "main.tf" || from != 1 || to != 4 {
		t.Fatalf("scope %s %d-%d", file, from, to)
	}
}

// TestBOMFirstLine: a comment on the first line of a file that starts with
// a UTF-8 byte order mark is on its own line: it covers the block below.
// It was taken for a trailing comment of line 1 (the mark for code): the
// block's finding was reported and the comment was "unused".
func TestBOMFirstLine(t *testing.T) {
	src := "\ufeff# iamlint:ignore wildcard-action -- legacy role\r\nresource \"a\" \"b\" {\r\n  x = 1\r\n}\r\nz = 3\r\n"
	dirs, bad := Parse("main.tf", []byte(src))
	if len(bad) != 0 || len(dirs) != 1 || dirs[0].Trailing || dirs[0].NextLine != 2 {
		t.Fatal(bad, dirs)
	}
	file, from, to := dirs[0].Scope(Blocks("main.tf", []byte(src)))
	if file != "main.tf" || from != 2 || to != 4 {
		t.Fatalf("scope %s %d-%d", file, from, to)
	}
	// Code after the mark on line 1 still makes a comment trailing.
	src = "\ufeffz = 1 # iamlint:ignore wildcard-action -- r\nresource \"a\" \"b\" {}\n"
	if dirs, _ := Parse("main.tf", []byte(src)); len(dirs) != 1 || !dirs[0].Trailing {
		t.Fatal(dirs)
	}
}

func TestMalformed(t *testing.T) {
	cases := []struct {
		line string
		want string // substring of the problem; "" = no problem
		dirs int
	}{
		{"# iamlint:ignore wildcard-action", "reason is required", 0},
		{"# iamlint:ignore wildcard-action --", "reason is required", 0},
		{"# iamlint:ignore wildcard-action --   ; expires 2027-01-01", "reason is required", 0},
		{"# iamlint:ignore -- why", "names no rule", 0},
		{"#iamlint:ignore ,--0", "names no rule", 0}, // found by FuzzParse: was a nil dereference
		{"# iamlint:ignore wildcard-actoin -- typo", `unknown rule "wildcard-actoin" (did you mean "wildcard-action"?)`, 0},
		{"# iamlint:ignore wildcard-actoin,wildcard-resource -- one typo", `unknown rule "wildcard-actoin"`, 1},
		{"# iamlint:ignore Wildcard_Action -- case", `"Wildcard_Action" is not a rule ID (did you mean "wildcard-action"?)`, 0},
		// A look-alike letter (a Cyrillic с): printed as written, the name
		// looked like the rule's, with no hint.
		{"# iamlint:ignore wild\u0441ard-action -- look-alike", `"wild\u0441ard-action" is not a rule ID: it holds characters that are not ASCII, escaped here (did you mean "wildcard-action"?)`, 0},
		{"# iamlint:ignore * -- every rule", `"*" is not a rule ID`, 0},
		{"# iamlint:ignore wildcard-action -- r; expires 2027-13-01", `bad expiry date "2027-13-01"`, 0},
		{"# iamlint:ignore wildcard-action -- r; expires tomorrow", `bad expiry date "tomorrow"`, 0},
		{"# iamlint:ignore wildcard-action -- r; expires", `bad expiry date ""`, 0},
		{"# iamlint:ingore wildcard-action -- r", `unknown directive "iamlint:ingore"`, 0},
		{"# iamlint-ignore wildcard-action -- r", `unknown directive "iamlint-ignore" (did you mean "iamlint:ignore"?)`, 0},
		{"# IAMLINT:IGNORE wildcard-action -- r", `unknown directive "IAMLINT:IGNORE" (did you mean "iamlint:ignore"?)`, 0},
		{"# iamlint: ignore wildcard-action -- r", `unknown directive "iamlint:" (did you mean "iamlint:ignore"?)`, 0},
		{"# iamlint:disable wildcard-action -- r", `unknown directive "iamlint:disable":`, 0},
		{"# iamlint:ignore invalid-suppression -- r", "invalid-suppression cannot be suppressed by a comment", 0},
		{"# iamlint:ignore invalid-suppression,wildcard-action -- r", "invalid-suppression cannot be suppressed by a comment", 1},
		{"# iamlint:ignore wildcard-action -- r expires 01/02/2027", `bad expiry date "01/02/2027"`, 0},
		{"# iamlint:ignore wildcard-action -- r, expires on 2027-02-30", `bad expiry date "2027-02-30"`, 0},
		{"// iamlint:ignore wildcard-action,wildcard-resource -- ok", "", 1},
		{"#iamlint:ignore wildcard-action -- the token expires soon", "", 1},
		// An expiry that does not end the comment was read as part of the
		// reason: a suppression that never expired, without a word (past
		// the date, too).
		{"# iamlint:ignore wildcard-action -- r; expires 2027-06-30; see JIRA-1", `the expiry must end the comment: "expires 2027-06-30" is followed by more text`, 0},
		{"# iamlint:ignore wildcard-action -- r; expires 2020-01-01 unless renewed", `"expires 2020-01-01" is followed by more text`, 0},
		{"# iamlint:ignore wildcard-action -- r, expires on 30.06.2027, ask ops", `"expires on 30.06.2027" is followed by more text`, 0},
		{"# iamlint:ignore wildcard-action -- r; expires 2020-01-01; expires 2099-01-01", `"expires 2020-01-01" is followed by more text`, 0},
		{"# iamlint:ignore wildcard-action -- the key expires 90 days after creation", "", 1},
		{"# iamlint:ignore wildcard-action -- the key expires 90 days after creation; expires 2099-01-01", "", 1},
		{"# iamlint is a linter", "", 0},
		{"# tfsec:ignore:aws-iam-no-policy-wildcards:exp:2025-02-30", "bad expiry date", 0},
		{"# trivy:ignore:aws-iam-no-policy-wildcards[ws=prod]:exp:2099-01-01", "", 1},
		{"# tfsec:ignore:aws-iam-no-policy-wildcards tfsec:ignore:AWS-0032", "", 2},
		{"# checkov:skip=CKV_AWS_1", "", 1},
		{"# checkov:skip=CKV_AWS_999:not ours", "", 0},
	}
	for _, c := range cases {
		src := c.line + "\nresource \"a\" \"b\" {}\n"
		dirs, bad := ParseKnown("x.tf", []byte(src), known)
		if len(dirs) != c.dirs {
			t.Errorf("%s: %d directives, want %d: %+v", c.line, len(dirs), c.dirs, dirs)
		}
		if c.want == "" {
			if len(bad) != 0 {
				t.Errorf("%s: unexpected problems %+v", c.line, bad)
			}
			continue
		}
		if len(bad) != 1 || !strings.Contains(bad[0].Message, c.want) {
			t.Errorf("%s: problems %+v, want %q", c.line, bad, c.want)
			continue
		}
		if bad[0].Rule != RuleID || bad[0].Range.Filename != "x.tf" || bad[0].Range.Start.Line != 1 || bad[0].Range.Start.Column != 1 {
			t.Errorf("%s: range %+v", c.line, bad[0].Range)
		}
	}
}

// An expiry written without "; " before it (the way people write it in a
// hurry) is still an expiry: it used to be read as part of the reason, so an
// expired suppression kept suppressing.
func TestExpiresWithoutSeparator(t *testing.T) {
	cases := map[string]struct{ reason, expires string }{
		"# iamlint:ignore wildcard-action -- legacy role expires 2020-01-01":  {"legacy role", "2020-01-01"},
		"# iamlint:ignore wildcard-action -- legacy role expires: 2020-01-01": {"legacy role", "2020-01-01"},
		"# iamlint:ignore wildcard-action -- legacy role, expires 2020-01-01": {"legacy role", "2020-01-01"},
		"# iamlint:ignore wildcard-action -- legacy; expires on 2020-01-01":   {"legacy", "2020-01-01"},
		"# iamlint:ignore wildcard-action -- the key expires soon":            {"the key expires soon", ""},
	}
	for line, want := range cases {
		src := line + "\nresource \"a\" \"b\" {}\n"
		dirs, bad := ParseKnown("x.tf", []byte(src), known)
		if len(bad) != 0 || len(dirs) != 1 || dirs[0].Reason != want.reason || dirs[0].Expires != want.expires {
			t.Errorf("%s: directives %+v, problems %+v; want reason %q, expires %q", line, dirs, bad, want.reason, want.expires)
			continue
		}
		if want.expires == "" {
			continue
		}
		// Expired: the finding is reported again, and so is the suppression.
		fd := f("wildcard-action", 2)
		fd.Range.Filename = "x.tf"
		// Before the expiry date it suppresses.
		if kept, sup, probs := Apply([]linter.Finding{fd}, dirs, Blocks("x.tf", []byte(src)), time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)); len(kept) != 0 || len(sup) != 1 || len(probs) != 0 {
			t.Errorf("%s: before expiry: kept %d, suppressed %d, problems %+v", line, len(kept), len(sup), probs)
		}
		kept, sup, probs := Apply([]linter.Finding{fd}, dirs, Blocks("x.tf", []byte(src)), now)
		if len(kept) != 1 || len(sup) != 0 || len(probs) != 1 || !strings.Contains(probs[0].Message, "expired on 2020-01-01") {
			t.Errorf("%s: kept %d, suppressed %d, problems %+v", line, len(kept), len(sup), probs)
		}
	}
}

// A comment above a multi-line attribute covers the attribute; at the end of
// the line that opens it, too. Above a one-line attribute: that line only.
func TestAttributeScope(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  # iamlint:ignore wildcard-action -- whole expression
  policy = jsonencode({
    Statement = [{ Action = "*", Resource = "*" }]
  })
  policy2 = jsonencode({ # iamlint:ignore wildcard-resource -- trailing on the opening line
    Statement = [{ Action = "*", Resource = "*" }]
  })
  # iamlint:ignore wildcard-action -- one line
  name = "x"
  other = "*"
}
`
	dirs, bad := ParseKnown("x.tf", []byte(src), known)
	if len(bad) != 0 {
		t.Fatal(bad)
	}
	at := func(rule string, line int) linter.Finding {
		fd := f(rule, line)
		fd.Range.Filename = "x.tf"
		return fd
	}
	fs := []linter.Finding{at("wildcard-action", 4), at("wildcard-resource", 7), at("wildcard-action", 11)}
	kept, sup, probs := Apply(fs, dirs, Blocks("x.tf", []byte(src)), now)
	if len(sup) != 2 || len(kept) != 1 || kept[0].Range.Start.Line != 11 {
		t.Errorf("kept %+v\nsuppressed %+v", kept, sup)
	}
	if len(probs) != 1 || probs[0].Range.Start.Line != 9 || !strings.Contains(probs[0].Message, "unused") {
		t.Errorf("problems %+v", probs)
	}
}

// A suppression with no code after it says so, not "lines -1--1".
func TestUnusedAtEndOfFile(t *testing.T) {
	src := "resource \"a\" \"b\" {}\n# iamlint:ignore wildcard-action -- nothing follows\n"
	dirs, _ := ParseKnown("x.tf", []byte(src), known)
	_, _, probs := Apply(nil, dirs, Blocks("x.tf", []byte(src)), now)
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "no code follows the comment") || strings.Contains(probs[0].Message, "-1") {
		t.Errorf("problems %+v", probs)
	}
}

func TestJSONAndPeers(t *testing.T) {
	if d, b := Parse("main.tf.json", []byte(`{"//": "# iamlint:ignore x"}`)); d != nil || b != nil {
		t.Error("json files hold no comments")
	}
	if r := PeerRules("avd-aws-0057"); strings.Join(r, ",") != "wildcard-action,wildcard-service-action,wildcard-resource" {
		t.Errorf("AVD-AWS-0057: %v", r)
	}
	if r := PeerRules("ckv_aws_286"); strings.Join(r, ",") != "privilege-escalation,passrole-wildcard" {
		t.Errorf("CKV_AWS_286: %v", r)
	}
	if PeerRules("CKV_AWS_20") != nil {
		t.Error("unmapped checkov ID")
	}
}

func TestFingerprintStableAcrossLineMoves(t *testing.T) {
	a := "# iamlint:ignore wildcard-action\nresource \"a\" \"b\" {}\n"
	_, p1 := Parse("x.tf", []byte(a))
	_, p2 := Parse("x.tf", []byte("\n\n"+a))
	if len(p1) != 1 || len(p2) != 1 || p1[0].Fingerprint != p2[0].Fingerprint || p1[0].Range.Start.Line == p2[0].Range.Start.Line {
		t.Fatalf("%+v %+v", p1, p2)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{src, "# iamlint:ignore a,b -- r; expires 2027-01-01\n", "// iamlint:ignore\n", "#tfsec:ignore:aws-iam-no-policy-wildcards:exp:\n",
		"#checkov:skip=CKV_AWS_1:\n", "/* iamlint:ignore x -- y */ a = 1\n", "a = \"${", "# iamlint:ignore x -- é; expires 2027-02-29\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dirs, bad := ParseKnown("f.tf", []byte(s), known)
		for _, d := range dirs {
			if len(d.Rules) == 0 {
				t.Fatalf("directive without rules: %+v", d)
			}
			if d.Source == Iamlint && strings.TrimSpace(d.Reason) == "" {
				t.Fatalf("iamlint directive without reason: %+v", d)
			}
			if d.Expires != "" {
				if _, err := time.Parse("2006-01-02", d.Expires); err != nil {
					t.Fatalf("bad expiry kept: %+v", d)
				}
			}
		}
		for _, b := range bad {
			if b.Rule != RuleID || b.Message == "" || b.Range.Filename != "f.tf" {
				t.Fatalf("bad problem: %+v", b)
			}
		}
		blocks := Blocks("f.tf", []byte(s))
		Apply(nil, dirs, blocks, now)
	})
}

// A directive that names many unknown rules lists the first ten and counts
// the others (100,000 names gave a message of 3.7 MB), and still applies to
// the known rules it names.
func TestManyUnknownRulesCapped(t *testing.T) {
	var names []string
	for i := range 100000 {
		names = append(names, fmt.Sprintf("no-such-rule-%d", i))
	}
	src := "# iamlint:ignore " + strings.Join(names, ",") + ",wildcard-action -- r\nresource \"a\" \"b\" {}\n"
	dirs, bad := ParseKnown("x.tf", []byte(src), known)
	if len(dirs) != 1 || len(dirs[0].Rules) != 1 || dirs[0].Rules[0] != "wildcard-action" {
		t.Errorf("directives %+v, want one for wildcard-action", dirs)
	}
	if len(bad) != 1 {
		t.Fatalf("%d problems, want 1", len(bad))
	}
	m := bad[0].Message
	if len(m) > 2000 || strings.Count(m, "unknown rule") != 10 || !strings.Contains(m, "and 99990 more unknown or invalid rule names") {
		t.Errorf("message of %d bytes: %.400s ... %s", len(m), m, m[max(0, len(m)-100):])
	}
}

// A tfsec/trivy comment with many malformed directives lists the first ten
// problems and counts the others (one finding each: 100,000 bad expiry dates
// in one comment gave 100,000 invalid-suppression findings), and its valid
// directives still apply.
func TestManyPeerProblemsCapped(t *testing.T) {
	var toks []string
	for i := range 100000 {
		toks = append(toks, fmt.Sprintf("tfsec:ignore:aws-iam-no-policy-wildcards:exp:2099-13-%d", i))
	}
	toks = append(toks, "tfsec:ignore:aws-iam-no-policy-wildcards")
	src := "#" + strings.Join(toks, " ") + "\nresource \"a\" \"b\" {}\n"
	dirs, bad := ParseKnown("x.tf", []byte(src), known)
	if len(dirs) != 1 {
		t.Errorf("%d directives, want 1", len(dirs))
	}
	if len(bad) != maxNameProblems+1 {
		t.Fatalf("%d problems, want %d", len(bad), maxNameProblems+1)
	}
	if m := bad[len(bad)-1].Message; !strings.Contains(m, "and 99990 more malformed directives") {
		t.Errorf("last problem %q", m)
	}
}

// TestBlockCommentBeforeCode: a /* */ directive followed by code on its own
// line applies to that line (the offending line, or the block it starts), as
// a trailing one does; its scope was the next line, so it suppressed
// nothing and was reported unused.
func TestBlockCommentBeforeCode(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  /* iamlint:ignore wildcard-action -- this attribute */ policy = jsonencode({ Statement = [{ Action = "*", Resource = "*" }] })
  name = "*"
}
/* iamlint:ignore wildcard-resource -- this block */ resource "aws_iam_policy" "q" {
  policy = jsonencode({
    Statement = [{ Action = "s3:GetObject", Resource = "*" }]
  })
}
`
	dirs, bad := ParseKnown("x.tf", []byte(src), known)
	if len(bad) != 0 || len(dirs) != 2 {
		t.Fatal(bad, dirs)
	}
	at := func(rule string, line int) linter.Finding {
		fd := f(rule, line)
		fd.Range.Filename = "x.tf"
		return fd
	}
	fs := []linter.Finding{at("wildcard-action", 2), at("wildcard-action", 3), at("wildcard-resource", 7)}
	kept, sup, probs := Apply(fs, dirs, Blocks("x.tf", []byte(src)), now)
	if len(sup) != 2 || len(kept) != 1 || kept[0].Range.Start.Line != 3 || len(probs) != 0 {
		t.Errorf("kept %+v\nsuppressed %+v\nproblems %+v", kept, sup, probs)
	}
}

// TestObjectScope: a comment on its own line above an object or a list that
// spans several lines inside an expression (a statement of a jsonencode
// policy written one element a line, or its Condition = {...}) covers all
// its lines, as it covers an attribute's or a block's; it covered only the
// object's first line ("{"): the comment was reported unused and the
// statement's finding (on its Action line) was not suppressed. A trailing
// comment on the object's first line covers it too.
func TestObjectScope(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [
      # iamlint:ignore wildcard-action -- the whole statement
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "arn:aws:s3:::c"
        # iamlint:ignore wildcard-principal -- the whole condition item
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = "*"
          }
        }
      },
      { # iamlint:ignore wildcard-resource -- trailing on the opening line
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "*"
      },
    ]
  })
  policy2 = jsonencode({
    Statement = concat(
      # iamlint:ignore wildcard-action -- the statements made by the for
      [for s in ["a", "b"] :
        { Action = "*",
        Resource = "*" }
      ],
      # iamlint:ignore wildcard-resource -- the call
      tolist(
        [{ Action = "s3:PutObject",
        Resource = "*" }]
      ),
    )
  })
}
`
	dirs, bad := ParseKnown("x.tf", []byte(src), known)
	if len(bad) != 0 {
		t.Fatal(bad)
	}
	at := func(rule string, line int) linter.Finding {
		fd := f(rule, line)
		fd.Range.Filename = "x.tf"
		return fd
	}
	fs := []linter.Finding{at("wildcard-action", 7), at("wildcard-action", 12), at("wildcard-principal", 17), at("wildcard-resource", 24),
		at("wildcard-action", 32), at("wildcard-resource", 38)}
	kept, sup, probs := Apply(fs, dirs, Blocks("x.tf", []byte(src)), now)
	if len(sup) != 5 || len(kept) != 1 || kept[0].Range.Start.Line != 12 {
		t.Errorf("kept %+v\nsuppressed %+v", kept, sup)
	}
	if len(probs) != 0 {
		t.Errorf("problems %+v", probs)
	}
}
