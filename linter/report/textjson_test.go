package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

func sampleResult() *linter.Result {
	src := []byte("resource \"aws_iam_policy\" \"p\" {\n\tpolicy = jsonencode({ Action = \"*\" })\n}\n")
	return &linter.Result{
		Findings: []linter.Finding{{
			Rule: "wildcard-action", Severity: linter.Critical, Message: "statement grants every action",
			Range:    hcl.Range{Filename: "modules/app/main.tf", Start: hcl.Pos{Line: 2, Column: 33, Byte: 65}, End: hcl.Pos{Line: 2, Column: 36, Byte: 68}},
			Resource: "module.app.aws_iam_policy.p", PolicyKind: iam.Identity, Fingerprint: "abc",
			Related: []iam.Related{{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 8, Column: 1}}, Message: "module called here"}},
		}},
		Suppressed: []linter.Finding{},
		Errors:     []linter.Error{{File: "bad.tf", Line: 3, Column: 18, Message: "Invalid block definition: Braces."}},
		Sources:    map[string][]byte{"modules/app/main.tf": src},
		Summary:    linter.Summary{Files: 3, Resources: 1, Policies: 1, Findings: 1, Errors: 1},
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sampleResult(), Meta{}); err != nil {
		t.Fatal(err)
	}
	want := "modules/app/main.tf:2:33: critical wildcard-action: statement grants every action\n" +
		"    \tpolicy = jsonencode({ Action = \"*\" })\n" +
		"    \t                               ^\n" +
		"    main.tf:8: module called here\n" +
		"bad.tf:3:18: error: Invalid block definition: Braces.\n" +
		"1 finding (1 critical) in 3 files, 1 resource, 1 policy; 1 error\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "\x1b[") {
		t.Error("colour without Color")
	}
	b.Reset()
	if err := Text(&b, sampleResult(), Meta{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[1;31mcritical\x1b[0m") {
		t.Errorf("no colour with Color:\n%q", b.String())
	}
}

func TestTextEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, &linter.Result{Summary: linter.Summary{Files: 1}}, Meta{}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "0 findings in 1 file, 0 resources, 0 policies\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sampleResult(), Meta{ToolVersion: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version": 1.0,
		"tool":    map[string]any{"name": "iamlint", "version": "1.2.3"},
		"findings": []any{map[string]any{
			"rule": "wildcard-action", "severity": "critical", "message": "statement grants every action",
			"file": "modules/app/main.tf", "line": 2.0, "column": 33.0, "end_line": 2.0, "end_column": 36.0,
			"resource": "module.app.aws_iam_policy.p", "policy_kind": "identity", "fingerprint": "abc",
			"related": []any{map[string]any{"file": "main.tf", "line": 8.0, "message": "module called here"}},
		}},
		"suppressed": []any{},
		"errors":     []any{map[string]any{"file": "bad.tf", "line": 3.0, "column": 18.0, "message": "Invalid block definition: Braces."}},
		"notices":    []any{},
		"summary":    map[string]any{"files": 3.0, "resources": 1.0, "policies": 1.0, "findings": 1.0, "suppressed": 0.0, "errors": 1.0, "notices": 0.0},
	}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		t.Fatalf("got  %s\nwant %s", gotJSON, wantJSON)
	}
}

func TestJSONEmptyListsAndSuppression(t *testing.T) {
	res := &linter.Result{Suppressed: []linter.Finding{{Rule: "r", Severity: linter.Low,
		Suppression: &linter.Suppression{Kind: "inline", Reason: "needed"}}}}
	var b bytes.Buffer
	if err := JSON(&b, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`"findings": []`, `"errors": []`, `"related": []`, `"suppression": {`, `"kind": "inline"`, `"reason": "needed"`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in\n%s", want, s)
		}
	}
	if strings.Contains(s, "null") {
		t.Errorf("null in\n%s", s)
	}
}
