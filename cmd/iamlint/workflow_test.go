package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/iamlint/iamlint/linter"
)

// repoRoot is the repository root (computed before any test changes directory).
var repoRoot, _ = filepath.Abs("../..")

// workflowTF is a configuration with findings, an inline suppression and a
// finding inside a called module (relatedLocations).
var workflowTF = map[string]string{
	"main.tf": `module "app" {
  source  = "./modules/app"
  actions = ["*"]
}

# iamlint:ignore wildcard-resource -- the agent needs it; expires 2099-01-01
resource "aws_iam_role_policy" "agent" {
  role = "agent"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }]
  })
}
`,
	"modules/app/main.tf": `variable "actions" {
  type = list(string)
}

resource "aws_iam_role_policy" "this" {
  role = "app"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`,
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chdir changes the working directory for the test (iamlint reports names
// relative to it).
func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(wd) })
}

func absRepo(t *testing.T, rel string) string {
	t.Helper()
	return filepath.Join(repoRoot, filepath.FromSlash(rel))
}

// TestFormatsEndToEnd runs the command with every CI format and --output and
// checks each report the way its consumer reads it: SARIF against the 2.1.0
// schema, JUnit and Checkstyle as XML, GitHub workflow commands line by
// line, GitLab Code Quality as its JSON.
func TestFormatsEndToEnd(t *testing.T) {
	schema := absRepo(t, "linter/report/testdata/sarif-schema-2.1.0.json")
	dir := t.TempDir()
	writeTree(t, dir, workflowTF)
	chdir(t, dir)
	rules := "--enable=wildcard-action,wildcard-resource,invalid-suppression"

	for _, format := range []string{"sarif", "junit", "checkstyle", "github", "gitlab"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "report."+format)
			var stdout, stderr bytes.Buffer
			code := run([]string{"--format", format, "--output", out, rules, "."}, nil, &stdout, &stderr)
			if code != exitFindings {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("--output: stdout is not empty:\n%s", stdout.String())
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "sarif":
				checkSARIF(t, schema, data)
			case "junit":
				var v struct {
					XMLName xml.Name `xml:"testsuites"`
					Suites  []struct {
						Cases []struct {
							Name    string `xml:"name,attr"`
							Failure *struct {
								Message string `xml:"message,attr"`
							} `xml:"failure"`
						} `xml:"testcase"`
					} `xml:"testsuite"`
				}
				if err := xml.Unmarshal(data, &v); err != nil {
					t.Fatalf("junit: %v\n%s", err, data)
				}
				failures := 0
				for _, s := range v.Suites {
					for _, c := range s.Cases {
						if c.Failure != nil {
							failures++
						}
					}
				}
				if failures != 2 {
					t.Errorf("junit: %d failures, want 2 (wildcard-action, wildcard-resource in the module):\n%s", failures, data)
				}
			case "checkstyle":
				var v struct {
					XMLName xml.Name `xml:"checkstyle"`
					Files   []struct {
						Name   string `xml:"name,attr"`
						Errors []struct {
							Line   int    `xml:"line,attr"`
							Source string `xml:"source,attr"`
						} `xml:"error"`
					} `xml:"file"`
				}
				if err := xml.Unmarshal(data, &v); err != nil {
					t.Fatalf("checkstyle: %v\n%s", err, data)
				}
				// wildcard-action at the module call's actions = ["*"], wildcard-resource in the module.
				got := []string{}
				for _, f := range v.Files {
					for _, e := range f.Errors {
						got = append(got, fmt.Sprintf("%s:%d:%s", f.Name, e.Line, e.Source))
					}
				}
				if strings.Join(got, " ") != "main.tf:3:iamlint.wildcard-action modules/app/main.tf:8:iamlint.wildcard-resource" {
					t.Errorf("checkstyle: %v", got)
				}
			case "github":
				re := regexp.MustCompile(`^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.+$`)
				lines := strings.Split(strings.TrimSpace(string(data)), "\n")
				n := 0
				for _, l := range lines {
					if strings.HasPrefix(l, "::") && !strings.HasPrefix(l, "::notice title=iamlint summary") {
						if !re.MatchString(l) {
							t.Errorf("github: not a workflow command: %q", l)
						}
						n++
					}
				}
				if n < 2 {
					t.Errorf("github: %d commands:\n%s", n, data)
				}
			case "gitlab":
				var v []struct {
					Description string `json:"description"`
					CheckName   string `json:"check_name"`
					Fingerprint string `json:"fingerprint"`
					Severity    string `json:"severity"`
					Location    struct {
						Path  string `json:"path"`
						Lines struct {
							Begin int `json:"begin"`
						} `json:"lines"`
					} `json:"location"`
				}
				if err := json.Unmarshal(data, &v); err != nil {
					t.Fatalf("gitlab: %v\n%s", err, data)
				}
				if len(v) != 2 {
					t.Fatalf("gitlab: %d issues, want 2:\n%s", len(v), data)
				}
				sev := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
				for _, i := range v {
					if i.Description == "" || i.CheckName == "" || i.Fingerprint == "" || !sev[i.Severity] || i.Location.Path == "" || i.Location.Lines.Begin < 1 {
						t.Errorf("gitlab: incomplete issue %+v", i)
					}
				}
			}
		})
	}
}

func checkSARIF(t *testing.T, schemaFile string, data []byte) {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var v struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						HelpURI    string         `json:"helpUri"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				RelatedLocations    []any             `json:"relatedLocations"`
				Suppressions        []struct {
					Kind string `json:"kind"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Runs) != 1 {
		t.Fatalf("%d runs", len(v.Runs))
	}
	r := v.Runs[0]
	ids := map[string]bool{}
	for _, rule := range r.Tool.Driver.Rules {
		ids[rule.ID] = true
		if rule.HelpURI == "" || rule.Properties["security-severity"] == nil {
			t.Errorf("rule %s: helpUri or security-severity missing", rule.ID)
		}
	}
	for _, id := range []string{"wildcard-action", "wildcard-principal", "invalid-suppression"} {
		if !ids[id] {
			t.Errorf("tool.driver.rules lacks %s", id)
		}
	}
	var suppressed, related int
	for _, res := range r.Results {
		if len(res.PartialFingerprints) == 0 {
			t.Errorf("%s: no partialFingerprints", res.RuleID)
		}
		if len(res.RelatedLocations) > 0 {
			related++
		}
		if len(res.Suppressions) > 0 {
			suppressed++
			if res.Suppressions[0].Kind != "inSource" {
				t.Errorf("inline suppression kind %q", res.Suppressions[0].Kind)
			}
		}
	}
	if suppressed != 1 || related != 2 {
		t.Errorf("%d suppressed results (want 1), %d with relatedLocations (want 2)", suppressed, related)
	}
}

// TestProgress: the progress line appears after the delay, shows what was
// loaded, and is erased at the end; it is never written when the run is
// quicker, nor when stderr is not a terminal.
func TestProgress(t *testing.T) {
	var buf syncBuffer
	p := newProgress(&buf, 20*time.Millisecond, 5*time.Millisecond)
	p.update(linter.Progress{Stage: "loaded", Files: 12, Modules: 3})
	time.Sleep(80 * time.Millisecond)
	p.stop()
	out := buf.String()
	if !strings.Contains(out, "\r\033[Kiamlint: 12 files, 3 modules loaded; extracting policies… ") || !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress output %q", out)
	}

	var quick syncBuffer
	p = newProgress(&quick, time.Second, 5*time.Millisecond)
	p.update(linter.Progress{Stage: "loaded", Files: 1})
	p.stop()
	if quick.String() != "" {
		t.Errorf("quick run wrote %q", quick.String())
	}

	var pipe bytes.Buffer
	p = startProgress(&pipe, 0)
	p.update(linter.Progress{Stage: "loaded"})
	time.Sleep(10 * time.Millisecond)
	p.stop()
	if pipe.Len() != 0 {
		t.Errorf("not a terminal, wrote %q", pipe.String())
	}
}

type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) lock() {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.String()
}

type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Types         []string `yaml:"types"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

// iamlintOnPath puts an "iamlint" that runs this test binary's main (see
// TestMain) first on PATH.
func iamlintOnPath(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "iamlint")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return filepath.Join(bin, "iamlint")
}

// TestPreCommitHook parses .pre-commit-hooks.yaml and runs the hook as
// pre-commit does on a repository with staged changes: the staged file
// names that match `files` are passed to `entry`; only their findings are
// reported and the exit status fails the commit.
func TestPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	data, err := os.ReadFile(absRepo(t, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks", len(hooks))
	}
	h := hooks[0]
	if h.ID != "iamlint" || h.Entry != "iamlint" || h.Language != "golang" || h.PassFilenames == nil || !*h.PassFilenames {
		t.Fatalf("hook %+v", h)
	}
	filesRE, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	for name, want := range map[string]bool{"main.tf": true, "prod.tfvars": true, "a/b/x.tf": true, "main.tf.json": true, "main.tofu": true, "x.tofu.json": true, "terraform.tfvars.json": true, "plan.json": false, "README.md": false, "x.tfstate": false} {
		if filesRE.MatchString(name) != want {
			t.Errorf("files %q matches %q: %v", h.Files, name, !want)
		}
	}
	iamlintOnPath(t)

	repo := t.TempDir()
	chdir(t, repo)
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	bad := func(name string) string {
		return `resource "aws_iam_role_policy" "` + name + `" {
  role = "` + name + `"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`
	}
	writeTree(t, repo, map[string]string{"infra/old.tf": bad("old"), "infra/vars.tf": "variable \"x\" {\n  default = 1\n}\n"})
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "old")
	// A new bad file staged, the old bad file untouched, a README staged.
	writeTree(t, repo, map[string]string{"infra/new.tf": bad("new"), "README.md": "# x\n"})
	git("add", "infra/new.tf", "README.md")

	var staged []string
	for _, f := range strings.Fields(git("diff", "--cached", "--name-only", "--diff-filter=ACMR")) {
		if filesRE.MatchString(f) {
			staged = append(staged, f)
		}
	}
	if strings.Join(staged, " ") != "infra/new.tf" {
		t.Fatalf("staged Terraform files %v", staged)
	}
	runHook := func(files []string) (string, int) {
		args := append(append(strings.Fields(h.Entry)[1:], h.Args...), "--enable", "wildcard-action")
		cmd := exec.Command(strings.Fields(h.Entry)[0], append(args, files...)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), code
	}
	out, code := runHook(staged)
	if code != 1 {
		t.Errorf("hook exit %d, want 1:\n%s", code, out)
	}
	if !strings.Contains(out, "infra/new.tf:4:") || strings.Contains(out, "old.tf") {
		t.Errorf("hook output should hold infra/new.tf only:\n%s", out)
	}

	// Fix the file and stage it: the hook passes.
	writeTree(t, repo, map[string]string{"infra/new.tf": strings.Replace(bad("new"), `Action = "*"`, `Action = "s3:GetObject"`, 1)})
	git("add", "infra/new.tf")
	out, code = runHook(staged)
	if code != 0 {
		t.Errorf("fixed: hook exit %d, want 0:\n%s", code, out)
	}
}

type actionYAML struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			If    string            `yaml:"if"`
			Run   string            `yaml:"run"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			With  map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var exprRE = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// TestAction parses action.yml and runs its shell steps as the runner would,
// offline: the build step builds iamlint from this repository, the run step
// lints a directory with findings, writes SARIF and records exit-code 1, and
// the last step fails the job.
func TestAction(t *testing.T) {
	data, err := os.ReadFile(absRepo(t, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionYAML
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", a.Runs.Using)
	}
	for _, in := range []string{"path", "args", "fail-on"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("input %s missing", in)
		}
	}
	var uses []string
	for _, s := range a.Runs.Steps {
		if s.Uses != "" {
			uses = append(uses, s.Uses)
		} else if s.Shell != "bash" {
			t.Errorf("step %q: shell %q", s.Name, s.Shell)
		}
	}
	if len(uses) != 2 || !strings.HasPrefix(uses[0], "actions/setup-go@") || !strings.HasPrefix(uses[1], "github/codeql-action/upload-sarif@") {
		t.Errorf("uses %v", uses)
	}
	if testing.Short() {
		t.Skip("builds iamlint")
	}

	actionPath := absRepo(t, ".")
	temp := t.TempDir()
	work := t.TempDir()
	writeTree(t, work, map[string]string{"infra/main.tf": `resource "aws_iam_role_policy" "p" {
  role   = "p"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`})
	ghOut := filepath.Join(temp, "github_output")
	outputs := map[string]string{}
	ctx := func(expr string) string {
		switch {
		case expr == "github.action_path":
			return actionPath
		case expr == "runner.temp":
			return temp
		case strings.HasPrefix(expr, "inputs."):
			name := strings.TrimPrefix(expr, "inputs.")
			switch name {
			case "path":
				return "infra"
			case "args":
				return "--enable wildcard-action"
			}
			return a.Inputs[name].Default
		case strings.HasPrefix(expr, "steps.run.outputs."):
			return outputs[strings.TrimPrefix(expr, "steps.run.outputs.")]
		}
		t.Fatalf("unknown expression %q", expr)
		return ""
	}
	subst := func(s string) string {
		return exprRE.ReplaceAllStringFunc(s, func(m string) string { return ctx(exprRE.FindStringSubmatch(m)[1]) })
	}
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		if s.If != "" && !strings.Contains(s.If, "steps.run.outputs.exit-code != '0'") {
			t.Fatalf("step %q: unexpected if %q", s.Name, s.If)
		}
		if s.If != "" && outputs["exit-code"] == "0" {
			continue
		}
		script := subst(s.Run)
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir = work
		if s.Name == "Build iamlint" {
			cmd.Dir = actionPath
			if os.Getenv("IAMLINT_TEST_ACTION_BUILD") == "" {
				// Building with the step's flags rebuilds the standard library
				// the first time (minutes); .ci/run sets IAMLINT_TEST_ACTION_BUILD=1.
				// Here the step's output is this test binary's iamlint.
				if !strings.Contains(script, `-o "$RUNNER_TEMP/iamlint" ./cmd/iamlint`) {
					t.Errorf("build step %q does not build ./cmd/iamlint into $RUNNER_TEMP/iamlint", script)
				}
				self, err := os.Executable()
				if err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(self, filepath.Join(temp, "iamlint")); err != nil {
					t.Fatal(err)
				}
				continue
			}
		}
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+ghOut)
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		out, err := cmd.CombinedOutput()
		t.Logf("step %q:\n%s", s.Name, out)
		if s.Name == "Fail on findings" {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Errorf("fail step: %v, want exit status 1", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %q: %v\n%s", s.Name, err, out)
		}
		if b, err := os.ReadFile(ghOut); err == nil {
			for _, l := range strings.Split(string(b), "\n") {
				if k, v, ok := strings.Cut(l, "="); ok {
					outputs[k] = v
				}
			}
		}
	}
	if outputs["exit-code"] != "1" {
		t.Errorf("exit-code output %q, want 1", outputs["exit-code"])
	}
	sarif, err := os.ReadFile(filepath.Join(work, "iamlint.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(sarif, []byte(`"ruleId": "wildcard-action"`)) || !bytes.Contains(sarif, []byte(`"uri": "infra/main.tf"`)) {
		t.Errorf("SARIF:\n%s", sarif)
	}
}
