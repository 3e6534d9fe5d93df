package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

func ciRules() []*linter.Rule {
	return []*linter.Rule{
		{ID: "wildcard-action", Title: "Allow with Action \"*\"", Severity: linter.Critical,
			Doc: linter.Doc{Why: "Grants every action.", Fix: "List the actions.", Links: []string{"https://docs.aws.amazon.com/IAM/"}}},
		{ID: "wildcard-resource", Title: "Resource \"*\"", Severity: linter.Medium, Doc: linter.Doc{Why: "Any resource.", Fix: "Name ARNs."}},
		{ID: "user-access-key", Title: "Access key", Severity: linter.Low, Doc: linter.Doc{Why: "Long-term keys.", Fix: "Use roles."}},
		{ID: "passrole-wildcard", Title: "PassRole on *", Severity: linter.High, Doc: linter.Doc{Why: "w", Fix: "f"}},
	}
}

func rng(file string, l, c, el, ec int) hcl.Range {
	return hcl.Range{Filename: file, Start: hcl.Pos{Line: l, Column: c}, End: hcl.Pos{Line: el, Column: ec}}
}

func ciResult() *linter.Result {
	return &linter.Result{
		Findings: []linter.Finding{
			{Rule: "wildcard-action", Severity: linter.Critical, Message: "statement grants every action, 100%: really",
				Range: rng("modules/app dir/main.tf", 2, 33, 2, 36), Resource: "module.app.aws_iam_policy.p", PolicyKind: iam.Identity,
				Fingerprint: "fp1", Related: []iam.Related{{Range: rng("main.tf", 8, 1, 8, 20), Message: "module called here"}}},
			{Rule: "wildcard-resource", Severity: linter.Medium, Message: "line1\nline2\r",
				Range: rng("main.tf", 10, 5, 12, 2), Resource: "aws_iam_policy.q", PolicyKind: iam.Identity, Fingerprint: "fp2"},
			{Rule: "user-access-key", Severity: linter.Low, Message: "user has a key",
				Range: rng("users.tf", 3, 1, 5, 2), Resource: "aws_iam_access_key.k", Fingerprint: "fp3"},
		},
		Suppressed: []linter.Finding{
			{Rule: "wildcard-resource", Severity: linter.Medium, Message: "agent needs it", Range: rng("main.tf", 20, 3, 20, 6),
				Resource: "aws_iam_policy.cw", Fingerprint: "fp4", Suppression: &linter.Suppression{Kind: "inline", Reason: "CloudWatch agent", Expires: "2027-06-30"}},
			{Rule: "passrole-wildcard", Severity: linter.High, Message: "pass any role", Range: rng("main.tf", 30, 3, 30, 6),
				Resource: "aws_iam_policy.pr", Fingerprint: "fp5", Suppression: &linter.Suppression{Kind: "baseline", Reason: "in baseline"}},
		},
		Errors:  []linter.Error{{File: "bad.tf", Line: 3, Column: 18, Message: "Invalid block definition"}, {Message: "no location"}},
		Notices: []linter.Notice{{File: "main.tf", Line: 1, Message: "registry module not followed"}},
	}
}

func sarifBytes(t *testing.T, res *linter.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, res, ciRules(), Options{ToolVersion: "0.3.0"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schemaFile, err := filepath.Abs("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v\n%s", err, data)
	}
}

func TestSARIFSchema(t *testing.T) {
	validateSARIF(t, sarifBytes(t, ciResult()))
	validateSARIF(t, sarifBytes(t, &linter.Result{}))
	validateSARIF(t, sarifBytes(t, nil))
	var b bytes.Buffer
	if err := WriteSARIF(&b, ciResult(), ciRules(), Options{ToolVersion: "v1.2.3-rc.1", SrcRootURI: "file:///home/ci/repo/"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, b.Bytes())
	if !strings.Contains(b.String(), `"semanticVersion": "1.2.3-rc.1"`) || !strings.Contains(b.String(), `"uri": "file:///home/ci/repo/"`) {
		t.Errorf("semanticVersion/originalUriBaseIds missing:\n%s", b.String())
	}
}

// stdinResult is the result of a plan piped to iamlint -: a finding, with
// a related location, and errors at <stdin> and at "-" (named twice).
func stdinResult() *linter.Result {
	return &linter.Result{
		Findings: []linter.Finding{{Rule: "wildcard-action", Severity: linter.Critical, Message: "every action",
			Range: rng("<stdin>", 1, 172, 1, 175), Resource: "aws_iam_policy.p", PolicyKind: iam.Identity, Fingerprint: "fp1",
			Related: []iam.Related{{Range: rng("<stdin>", 1, 2, 1, 3), Message: "here"}}}},
		Errors: []linter.Error{{File: "<stdin>", Line: 2, Column: 1, Message: "invalid plan JSON"},
			{File: "-", Message: "Standard input named twice"}},
	}
}

// TestSARIFStdin: what is read from standard input is at the artifact
// "stdin", with no uriBaseId (it is no file of %SRCROOT%) and a
// description that says what it is; the log stays valid. Every result
// keeps a physical location (GitHub code scanning rejects a log with a
// logical location alone). It was "%3Cstdin%3E" under %SRCROOT%.
func TestSARIFStdin(t *testing.T) {
	data := sarifBytes(t, stdinResult())
	validateSARIF(t, data)
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	var locs []sarifLocation
	for _, r := range log.Runs[0].Results {
		locs = append(locs, r.Locations...)
		locs = append(locs, r.RelatedLocations...)
	}
	for _, inv := range log.Runs[0].Invocations {
		for _, n := range inv.ToolExecutionNotifications {
			locs = append(locs, n.Locations...)
		}
	}
	if len(locs) != 4 {
		t.Fatalf("%d locations, want 4:\n%s", len(locs), data)
	}
	for _, l := range locs {
		if l.PhysicalLocation == nil {
			t.Fatalf("a location without physicalLocation:\n%s", data)
		}
		a := l.PhysicalLocation.ArtifactLocation
		if a.URI != "stdin" || a.URIBaseID != "" || a.Description == nil || !strings.Contains(a.Description.Text, "standard input") {
			t.Errorf("artifactLocation %+v, want uri stdin, no uriBaseId, a description", a)
		}
	}
	if strings.Contains(string(data), "%3C") {
		t.Errorf("escaped <stdin> in:\n%s", data)
	}
}

func TestSARIFSchemaRejectsBroken(t *testing.T) {
	// The validator must actually validate: a log with a bad level fails.
	data := bytes.Replace(sarifBytes(t, ciResult()), []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	schemaFile, _ := filepath.Abs("testdata/sarif-schema-2.1.0.json")
	sch, err := jsonschema.NewCompiler().Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if sch.Validate(inst) == nil {
		t.Fatal("broken SARIF validated")
	}
}

func TestSARIFContent(t *testing.T) {
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID                   string
						Name                 string
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						Help                 struct{ Text, Markdown string }
						HelpURI              string
						Properties           map[string]any
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct{ Level string }
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				RelatedLocations []struct {
					ID               int
					Message          struct{ Text string }
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
				PartialFingerprints map[string]string
				Suppressions        []struct{ Kind, Status, Justification string }
			}
		}
	}
	if err := json.Unmarshal(sarifBytes(t, ciResult()), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q runs %d", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "iamlint" || d.Version != "0.3.0" || d.InformationURI == "" || len(d.Rules) != 4 {
		t.Fatalf("driver: %+v", d)
	}
	r0 := d.Rules[0]
	if r0.ID != "wildcard-action" || r0.Name != "WildcardAction" || r0.ShortDescription.Text != "Allow with Action \"*\"" ||
		r0.FullDescription.Text != "Grants every action." || !strings.Contains(r0.Help.Text, "List the actions.") ||
		!strings.Contains(r0.Help.Markdown, "**How to fix:**") ||
		r0.HelpURI != "https://github.com/iamlint/iamlint/blob/main/docs/rules/wildcard-action.md" ||
		r0.Properties["security-severity"] != "9.5" || r0.DefaultConfiguration.Level != "error" {
		t.Fatalf("rule 0: %+v", r0)
	}
	wantSev := map[string]string{"wildcard-resource": "5.5", "user-access-key": "3.0", "passrole-wildcard": "8.0"}
	for _, r := range d.Rules[1:] {
		if r.Properties["security-severity"] != wantSev[r.ID] {
			t.Errorf("%s security-severity %v", r.ID, r.Properties["security-severity"])
		}
	}
	if len(run.Results) != 5 {
		t.Fatalf("results: %d", len(run.Results))
	}
	res := run.Results[0]
	loc := res.Locations[0].PhysicalLocation
	if res.RuleID != "wildcard-action" || res.RuleIndex != 0 || res.Level != "error" ||
		loc.ArtifactLocation.URI != "modules/app%20dir/main.tf" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		loc.Region.StartLine != 2 || loc.Region.StartColumn != 33 || loc.Region.EndLine != 2 || loc.Region.EndColumn != 36 ||
		res.PartialFingerprints["iamlint/v1"] != "fp1" {
		t.Fatalf("result 0: %+v", res)
	}
	if len(res.RelatedLocations) != 1 || res.RelatedLocations[0].ID != 1 || res.RelatedLocations[0].Message.Text != "module called here" ||
		res.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "main.tf" {
		t.Fatalf("related: %+v", res.RelatedLocations)
	}
	if run.Results[1].Level != "warning" || run.Results[1].RuleIndex != 1 || run.Results[2].Level != "note" {
		t.Fatalf("levels: %+v", run.Results[1:3])
	}
	s := run.Results[3].Suppressions
	if len(s) != 1 || s[0].Kind != "inSource" || s[0].Status != "accepted" || s[0].Justification != "CloudWatch agent (expires 2027-06-30)" {
		t.Fatalf("inline suppression: %+v", s)
	}
	if s := run.Results[4].Suppressions; len(s) != 1 || s[0].Kind != "external" {
		t.Fatalf("baseline suppression: %+v", s)
	}
	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 3 ||
		inv[0].ToolExecutionNotifications[0].Level != "error" || inv[0].ToolExecutionNotifications[2].Level != "note" {
		t.Fatalf("invocations: %+v", inv)
	}
}

// TestSARIFMultitool runs Microsoft's SARIF Multitool when it is installed
// (SARIF_MULTITOOL names the executable, e.g. node_modules/.bin/sarif-multitool).
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		t.Skip("SARIF_MULTITOOL not set")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "iamlint.sarif")
	if err := os.WriteFile(in, sarifBytes(t, ciResult()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "validation.sarif")
	// Every rule kind (SARIF and GitHub Advanced Security), every level.
	// Note: multitool 5.7.0 does not report JSON-schema violations (a result
	// without message passes), so TestSARIFSchema is the schema check; this
	// test adds the multitool's SARIF/GHAS rules.
	cmd := exec.Command(tool, "validate", in, "--output", out, "--level", "Error;Warning;Note", "--kind", "Fail", "--rule-kind", "Sarif;Ghas")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sarif-multitool validate: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Runs []struct {
			Results []struct {
				Level   string
				RuleID  string
				Message struct {
					Text      string
					Arguments []string
				}
			}
		}
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	for _, r := range v.Runs {
		for _, res := range r.Results {
			if res.Level == "error" || res.Level == "warning" {
				t.Errorf("multitool %s %s: %s", res.Level, res.RuleID, res.Message.Text)
			}
		}
	}
}

func TestJUnit(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, ciResult(), ciRules(), Options{}); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	// 4 rule suites + 1 error suite.
	if len(got.Suites) != 5 || got.Tests != 7 || got.Failures != 3 || got.Errors != 2 || got.Skipped != 2 {
		t.Fatalf("totals: tests %d failures %d errors %d skipped %d suites %d\n%s", got.Tests, got.Failures, got.Errors, got.Skipped, len(got.Suites), b.String())
	}
	wa := got.Suites[0]
	if wa.Name != "wildcard-action" || wa.Failures != 1 || wa.Cases[0].Failure == nil || wa.Cases[0].Failure.Type != "critical" ||
		wa.Cases[0].File != "modules/app dir/main.tf" || wa.Cases[0].Line != 2 ||
		!strings.Contains(wa.Cases[0].Failure.Text, "main.tf:8: module called here") {
		t.Fatalf("wildcard-action suite: %+v", wa)
	}
	if wr := got.Suites[1]; wr.Tests != 2 || wr.Failures != 1 || wr.Skipped != 1 || wr.Cases[1].Skipped == nil {
		t.Fatalf("wildcard-resource suite: %+v", wr)
	}
	if pr := got.Suites[3]; pr.Name != "passrole-wildcard" || pr.Failures != 0 || pr.Skipped != 1 {
		t.Fatalf("passrole suite: %+v", pr)
	}
	if es := got.Suites[4]; es.Name != "iamlint" || es.Errors != 2 || es.Cases[0].Error == nil || es.Cases[0].Error.Message != "Invalid block definition" {
		t.Fatalf("error suite: %+v", es)
	}
	// A clean run: one passing case per rule.
	b.Reset()
	if err := WriteJUnit(&b, &linter.Result{}, ciRules(), Options{}); err != nil {
		t.Fatal(err)
	}
	got = junitSuites{}
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 4 || got.Failures != 0 || len(got.Suites) != 4 || got.Suites[0].Cases[0].Failure != nil {
		t.Fatalf("clean: %+v", got)
	}
}

func TestCheckstyle(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCheckstyle(&b, ciResult(), ciRules(), Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "<?xml") {
		t.Fatal("no XML header")
	}
	var got csRoot
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "4.3" || len(got.Files) != 5 {
		t.Fatalf("%+v", got)
	}
	names := []string{}
	for _, f := range got.Files {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != ",bad.tf,main.tf,modules/app dir/main.tf,users.tf" {
		t.Fatalf("files: %v", names)
	}
	m := got.Files[2]
	if len(m.Errors) != 1 || m.Errors[0].Line != 10 || m.Errors[0].Column != 5 || m.Errors[0].Severity != "warning" ||
		m.Errors[0].Source != "iamlint.wildcard-resource" || m.Errors[0].Message != "line1\nline2\r (aws_iam_policy.q)" {
		t.Fatalf("main.tf: %+v", m)
	}
	if e := got.Files[1].Errors[0]; e.Severity != "error" || e.Source != "iamlint.error" || e.Line != 3 {
		t.Fatalf("bad.tf: %+v", e)
	}
	if got.Files[4].Errors[0].Severity != "info" || got.Files[3].Errors[0].Severity != "error" {
		t.Fatalf("severities: %+v", got.Files)
	}
}

func TestGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, ciResult(), ciRules(), Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		`::error file=modules/app dir/main.tf,line=2,col=33,endLine=2,endColumn=36,title=iamlint wildcard-action (critical)%3A Allow with Action "*"::statement grants every action, 100%25: really%0Aresource: module.app.aws_iam_policy.p%0Adocs: https://github.com/iamlint/iamlint/blob/main/docs/rules/wildcard-action.md`,
		`::warning file=main.tf,line=10,endLine=12,title=iamlint wildcard-resource (medium)%3A Resource "*"::line1%0Aline2%0D%0Aresource: aws_iam_policy.q%0Adocs: https://github.com/iamlint/iamlint/blob/main/docs/rules/wildcard-resource.md`,
		`::notice file=users.tf,line=3,endLine=5,title=iamlint user-access-key (low)%3A Access key::user has a key%0Aresource: aws_iam_access_key.k%0Adocs: https://github.com/iamlint/iamlint/blob/main/docs/rules/user-access-key.md`,
		`::error file=bad.tf,line=3,col=18,title=iamlint error::Invalid block definition`,
		`::error title=iamlint error::no location`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), b.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	if got := EscapeGitHubProperty("a,b:c%d\ne"); got != "a%2Cb%3Ac%25d%0Ae" {
		t.Errorf("property escape: %s", got)
	}
}

func TestGitLab(t *testing.T) {
	var b bytes.Buffer
	res := ciResult()
	res.Findings = append(res.Findings, linter.Finding{Rule: "wildcard-action", Severity: linter.High, Message: "dup fp",
		Range: rng("x.tf", 1, 1, 1, 2), Fingerprint: "fp1"})
	if err := WriteGitLab(&b, res, ciRules(), Options{}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("%d issues", len(got))
	}
	fps := map[string]bool{}
	allowed := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	for i, is := range got {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			if _, ok := is[k]; !ok {
				t.Fatalf("issue %d lacks %s: %v", i, k, is)
			}
		}
		fp := is["fingerprint"].(string)
		if fp == "" || fps[fp] {
			t.Errorf("issue %d fingerprint %q empty or duplicate", i, fp)
		}
		fps[fp] = true
		if !allowed[is["severity"].(string)] {
			t.Errorf("issue %d severity %v", i, is["severity"])
		}
		loc := is["location"].(map[string]any)
		lines := loc["lines"].(map[string]any)
		if loc["path"].(string) == "" || lines["begin"].(float64) < 1 {
			t.Errorf("issue %d location %v", i, loc)
		}
	}
	if got[0]["check_name"] != "wildcard-action" || got[0]["severity"] != "blocker" || got[0]["fingerprint"] != "fp1" ||
		got[0]["location"].(map[string]any)["path"] != "modules/app dir/main.tf" {
		t.Fatalf("issue 0: %v", got[0])
	}
	if got[1]["severity"] != "major" || got[2]["severity"] != "minor" || got[3]["severity"] != "critical" {
		t.Fatalf("severities: %v %v %v", got[1]["severity"], got[2]["severity"], got[3]["severity"])
	}
	if got[4]["check_name"] != "iamlint-error" || got[4]["severity"] != "blocker" {
		t.Fatalf("error issue: %v", got[4])
	}
	// The error without a file is at the current directory, line 1 (its
	// path was "", which GitLab refuses).
	if loc := got[5]["location"].(map[string]any); got[5]["description"] != "no location" || loc["path"] != "." || loc["lines"].(map[string]any)["begin"] != 1.0 {
		t.Fatalf("error without a file: %v", got[5])
	}
	// Empty: an empty array, not null.
	b.Reset()
	if err := WriteGitLab(&b, &linter.Result{}, nil, Options{}); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Fatalf("empty: %q %v", b.String(), err)
	}
}

func TestAdaptersAndRelPath(t *testing.T) {
	for name, f := range map[string]Formatter{"sarif": SARIF, "junit": JUnit, "checkstyle": Checkstyle, "github": GitHub, "gitlab": GitLab} {
		var b bytes.Buffer
		if err := f(&b, ciResult(), Meta{ToolVersion: "1.2.3", Rules: ciRules()}); err != nil || b.Len() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	base := t.TempDir()
	o := Options{BaseDir: base}
	if got := o.relPath(filepath.Join(base, "a", "b.tf")); got != "a/b.tf" {
		t.Errorf("relPath: %s", got)
	}
	if got := o.relPath("rel/x.tf"); got != "rel/x.tf" {
		t.Errorf("relPath: %s", got)
	}
}

// Names relative to the current directory are made relative to BaseDir (the
// repository root) when inside it; RepoRoot finds the nearest .git.
func TestRelPathFromSubdirAndRepoRoot(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(base, "infra", "prod")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, ".git"), []byte("gitdir: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	if got := RepoRoot("."); got != base {
		t.Fatalf("RepoRoot = %q, want %q", got, base)
	}
	o := Options{BaseDir: RepoRoot(".")}
	for name, want := range map[string]string{
		"main.tf":                  "infra/prod/main.tf",
		"../modules/app/main.tf":   "infra/modules/app/main.tf",
		"../../../outside/main.tf": "../../../outside/main.tf",
		"<stdin>":                  "<stdin>",
	} {
		if got := o.relPath(name); got != want {
			t.Errorf("relPath(%q) = %q, want %q", name, got, want)
		}
	}
	// GitLab locates an error without a file at the current directory,
	// relative to the repository root as its other paths.
	var b bytes.Buffer
	if err := WriteGitLab(&b, &linter.Result{Errors: []linter.Error{{Message: "Invalid --var"}}}, nil, o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"path": "infra/prod"`) {
		t.Errorf("gitlab, error without a file, from infra/prod:\n%s", b.String())
	}
	if got := RepoRoot(filepath.Dir(base)); got != "" && got == base {
		t.Errorf("RepoRoot above the repository: %q", got)
	}
}

// TestSARIFNoticeColumn: a notice's notification is located at its line
// and column (region.startColumn, code points as the run's columnKind
// says); a notice with a line and no column has no startColumn, one
// without a line no region, one without a file no location.
func TestSARIFNoticeColumn(t *testing.T) {
	res := &linter.Result{Notices: []linter.Notice{
		{File: "main.tf", Line: 5, Column: 12, Message: "Policy unknown before apply"},
		{File: "plan.json", Line: 3, Message: "line only"},
		{File: "dir", Message: "Nothing to lint"},
		{Message: "Value for undeclared variable"},
	}}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Level     string
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           *map[string]int
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(sarifBytes(t, res), &log); err != nil {
		t.Fatal(err)
	}
	ns := log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(ns) != 4 {
		t.Fatalf("%d notifications, want 4: %+v", len(ns), ns)
	}
	region := func(i int) map[string]int {
		if len(ns[i].Locations) != 1 {
			t.Fatalf("notification %d: locations %+v, want 1", i, ns[i].Locations)
		}
		if r := ns[i].Locations[0].PhysicalLocation.Region; r != nil {
			return *r
		}
		return nil
	}
	if r := region(0); len(r) != 2 || r["startLine"] != 5 || r["startColumn"] != 12 {
		t.Errorf("notice with a column: region %v, want startLine 5, startColumn 12", r)
	}
	if r := region(1); len(r) != 1 || r["startLine"] != 3 {
		t.Errorf("notice with a line only: region %v, want startLine 3", r)
	}
	if r := region(2); r != nil {
		t.Errorf("notice without a line: region %v, want none", r)
	}
	if len(ns[3].Locations) != 0 {
		t.Errorf("notice without a file: locations %+v, want none", ns[3].Locations)
	}
}

// TestSARIFOutsideSrcRoot: a file outside %SRCROOT% (BaseDir) is named by
// an absolute file URI without uriBaseId, in results, related locations and
// error notifications alike; a file inside keeps its relative reference.
func TestSARIFOutsideSrcRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	in := filepath.Join(root, "infra", "main.tf")
	out := filepath.Join(dir, "other dir", "x%y.tf")
	res := &linter.Result{
		Findings: []linter.Finding{{Rule: "wildcard-action", Severity: linter.Critical, Message: "m",
			Range: rng(out, 2, 3, 2, 6), Fingerprint: "fp1",
			Related: []iam.Related{{Range: rng(in, 1, 1, 1, 2), Message: "called here"}}}},
		Errors: []linter.Error{{File: out, Line: 1, Column: 1, Message: "bad"}},
	}
	var b bytes.Buffer
	if err := WriteSARIF(&b, res, ciRules(), Options{BaseDir: root}); err != nil {
		t.Fatal(err)
	}
	type loc struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
		} `json:"physicalLocation"`
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations        []loc `json:"locations"`
				RelatedLocations []loc `json:"relatedLocations"`
			} `json:"results"`
			Invocations []struct {
				Notifications []struct {
					Locations []loc `json:"locations"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0]
	wantOut := "file://" + filepath.ToSlash(filepath.Join(dir, "other%20dir", "x%25y.tf"))
	for what, l := range map[string]loc{
		"result":       r.Results[0].Locations[0],
		"notification": r.Invocations[0].Notifications[0].Locations[0],
	} {
		if a := l.PhysicalLocation.ArtifactLocation; a.URI != wantOut || a.URIBaseID != "" {
			t.Errorf("%s: artifactLocation %+v, want uri %q and no uriBaseId", what, a, wantOut)
		}
	}
	if a := r.Results[0].RelatedLocations[0].PhysicalLocation.ArtifactLocation; a.URI != "infra/main.tf" || a.URIBaseID != "%SRCROOT%" {
		t.Errorf("related: artifactLocation %+v, want infra/main.tf relative to %%SRCROOT%%", a)
	}
}
