package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/iamlint/iamlint/internal/docgen"
	"github.com/iamlint/iamlint/linter/config"
)

// readmeBlocks returns the fenced code blocks of README.md under the heading
// that starts with heading, in order.
func readmeBlocks(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile(absRepo(t, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	in, inBlock := false, false
	var cur []string
	for _, line := range strings.Split(string(data), "\n") {
		if !inBlock && strings.HasPrefix(line, "#") {
			in = strings.HasPrefix(strings.TrimLeft(line, "# "), heading)
			continue
		}
		if strings.HasPrefix(line, "```") {
			if inBlock {
				if in {
					blocks = append(blocks, strings.Join(cur, "\n")+"\n")
				}
				cur, inBlock = nil, false
			} else {
				inBlock = true
			}
			continue
		}
		if inBlock {
			cur = append(cur, line)
		}
	}
	if len(blocks) == 0 {
		t.Fatalf("README.md: no code block under %q", heading)
	}
	return blocks
}

// checkFlags parses an iamlint command line (without the program name) with
// the real flag set.
func checkFlags(t *testing.T, args []string) *lintFlags {
	t.Helper()
	var stderr bytes.Buffer
	fs, lf := newLintFlagSet(&stderr)
	if _, err := parseInterspersed(fs, args); err != nil {
		t.Fatalf("iamlint %v: %v\n%s", args, err, stderr.String())
	}
	return lf
}

func runShell(t *testing.T, dir, script string, env ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

const wildcardTF = `resource "aws_iam_role_policy" "p" {
  role   = "p"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

func TestReadmePreCommit(t *testing.T) {
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Hooks []struct {
				ID   string   `yaml:"id"`
				Args []string `yaml:"args"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlocks(t, "pre-commit")[0]), &cfg); err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	data, _ := os.ReadFile(absRepo(t, ".pre-commit-hooks.yaml"))
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Repos) != 1 || len(cfg.Repos[0].Hooks) != 1 || cfg.Repos[0].Hooks[0].ID != hooks[0].ID {
		t.Fatalf("README pre-commit config %+v does not use hook %q", cfg, hooks[0].ID)
	}
	checkFlags(t, cfg.Repos[0].Hooks[0].Args)
}

func TestReadmeGitHubActions(t *testing.T) {
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlocks(t, "GitHub Actions")[0]), &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Permissions["security-events"] != "write" {
		t.Errorf("the workflow needs security-events: write to upload SARIF")
	}
	var a actionYAML
	data, _ := os.ReadFile(absRepo(t, "action.yml"))
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if !strings.HasPrefix(s.Uses, "iamlint/iamlint@") {
				continue
			}
			found = true
			for k, v := range s.With {
				if _, ok := a.Inputs[k]; !ok {
					t.Errorf("README uses input %q that action.yml does not have", k)
				}
				if k == "args" {
					checkFlags(t, strings.Fields(v))
				}
				if k == "fail-on" {
					checkFlags(t, []string{"--fail-on", v})
				}
			}
		}
	}
	if !found {
		t.Error("README workflow does not use iamlint/iamlint")
	}
}

func TestReadmeGitLab(t *testing.T) {
	var ci map[string]struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	if err := yaml.Unmarshal([]byte(readmeBlocks(t, "GitLab CI")[0]), &ci); err != nil {
		t.Fatal(err)
	}
	job, ok := ci["iamlint"]
	if !ok || len(job.Script) == 0 {
		t.Fatalf("no iamlint job: %+v", ci)
	}
	report := job.Artifacts.Reports["codequality"]
	var line string
	for _, l := range job.Script {
		if strings.HasPrefix(l, "iamlint ") {
			line = l
		}
	}
	lf := checkFlags(t, strings.Fields(line)[1:])
	if lf.format != "gitlab" || lf.output != report {
		t.Errorf("script writes --format %s to %q, the artifact is %q", lf.format, lf.output, report)
	}
	// Run the script's iamlint line on a directory with a finding.
	iamlintOnPath(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": wildcardTF})
	out, code := runShell(t, dir, line)
	if code != 1 {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, report))
	if err != nil {
		t.Fatal(err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(data, &issues); err != nil || len(issues) == 0 {
		t.Errorf("code quality report: %v\n%s", err, data)
	}
}

// fakeTerraform puts a terraform on PATH whose `show -json FILE` prints a plan
// that creates a policy granting everything.
func fakeTerraform(t *testing.T) {
	t.Helper()
	bin := t.TempDir()
	plan := `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"name":"p","policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"arn":true}}}]}`
	script := "#!/bin/sh\nif [ \"$1 $2\" = \"show -json\" ] && [ -f \"$3\" ]; then cat <<'EOF'\n" + plan + "\nEOF\nelse echo \"fake terraform: $*\" >&2; exit 1; fi\n"
	if err := os.WriteFile(filepath.Join(bin, "terraform"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
}

func TestReadmePlanGate(t *testing.T) {
	iamlintOnPath(t)
	fakeTerraform(t)
	blocks := readmeBlocks(t, "Plan gate")
	var gate string
	for _, l := range strings.Split(blocks[0], "\n") {
		if strings.HasPrefix(l, "terraform show -json") {
			gate = l
		}
	}
	if gate == "" {
		t.Fatalf("no terraform show line in %q", blocks[0])
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plan.out"), []byte("binary plan"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := runShell(t, dir, gate)
	if code != 1 || !strings.Contains(out, "critical wildcard-action") {
		t.Errorf("plan gate: exit %d, want 1:\n%s", code, out)
	}

	// Atlantis: the same with $PLANFILE.
	var atl struct {
		Workflows map[string]struct {
			Plan struct {
				Steps []any `yaml:"steps"`
			} `yaml:"plan"`
		} `yaml:"workflows"`
	}
	if err := yaml.Unmarshal([]byte(blocks[1]), &atl); err != nil {
		t.Fatal(err)
	}
	var run string
	for _, s := range atl.Workflows["default"].Plan.Steps {
		if m, ok := s.(map[string]any); ok {
			run, _ = m["run"].(string)
		}
	}
	if run == "" {
		t.Fatalf("no run step: %+v", atl)
	}
	out, code = runShell(t, dir, run, "PLANFILE=plan.out")
	if code != 1 || !strings.Contains(out, "critical wildcard-action") {
		t.Errorf("atlantis step: exit %d, want 1:\n%s", code, out)
	}
}

// TestReadmeSuppressionAndConfig: the README's suppression example
// suppresses without complaint, and its configuration example is valid.
func TestReadmeSuppressionAndConfig(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": readmeBlocks(t, "Suppressing findings")[0]})
	chdir(t, dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"--format", "json", "."}, nil, &stdout, &stderr)
	if code != exitOK || !strings.Contains(stdout.String(), `"kind": "inline"`) || strings.Contains(stdout.String(), "invalid-suppression") {
		t.Errorf("suppression example: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}

	src := readmeBlocks(t, "Configuration")[0]
	cfg, diags := config.Parse(".iamlint.hcl", []byte(src))
	if cfg != nil && !diags.HasErrors() {
		diags = append(diags, cfg.Validate(ruleIDs(docgen.Catalog()))...)
	}
	for _, d := range diags {
		t.Errorf("README configuration: %s", d.Error())
	}
}

// TestReadmeFlags: every flag in the README's flag table exists.
func TestReadmeFlags(t *testing.T) {
	data, err := os.ReadFile(absRepo(t, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := newLintFlagSet(&bytes.Buffer{})
	for _, m := range regexp.MustCompile("(?m)^\\| `--([a-z-]+)").FindAllStringSubmatch(string(data), -1) {
		if fs.Lookup(m[1]) == nil {
			t.Errorf("README documents --%s, which does not exist", m[1])
		}
	}
}

// TestREADMEListsEveryFlag keeps the README's flag table complete: every flag
// of the lint command appears there as `--name` (or `-o` for the short form).
func TestREADMEListsEveryFlag(t *testing.T) {
	data, err := os.ReadFile(absRepo(t, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	fs, _ := newLintFlagSet(&bytes.Buffer{})
	fs.VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		if !strings.Contains(readme, "`"+dash+f.Name) {
			t.Errorf("README.md does not document the flag %s%s (%s)", dash, f.Name, f.Usage)
		}
	})
}

// TestREADMEExampleOutput keeps the README's sample output true: the second
// block under "Try it" is what `iamlint examples/` prints, byte for byte.
func TestREADMEExampleOutput(t *testing.T) {
	blocks := readmeBlocks(t, "Try it")
	if len(blocks) < 2 {
		t.Fatalf("README.md: %d code blocks under Try it, want the commands and the output", len(blocks))
	}
	chdir(t, repoRoot)
	t.Setenv("NO_COLOR", "1")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"examples/"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr.String())
	}
	if got, want := stdout.String(), blocks[1]; got != want {
		t.Errorf("README.md sample output is stale.\ngot:\n%s\nREADME:\n%s", got, want)
	}
}
