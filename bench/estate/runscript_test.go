package estate

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRunScript runs bench/run.sh end to end on tiny inputs (a 20-file
// estate of each kind, 1 MB plans of both shapes), with stand-ins for
// tfsec and trivy on PATH that record their command lines: every input
// gets its row, iamlint exits 0 on each, a peer gets a row for each input
// it can read (tfsec: directories only) and the command line the script
// documents. Skipped with -short, or without bash or GNU time.
func TestRunScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds iamlint and lints seven inputs")
	}
	for _, tool := range []string{"bash", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	work, bin := t.TempDir(), t.TempDir()
	log := filepath.Join(work, "peers.log")
	// The stand-ins log their arguments and print an empty report; trivy
	// lists the flags a v0.74 trivy has in its help.
	fake := "#!/bin/sh\n" +
		`if [ "$2" = --help ]; then echo "      --skip-version-check   x"; echo "      --disable-telemetry   x"; exit 0; fi` + "\n" +
		`echo "$(basename "$0") $*" >>` + log + "\n" + `echo '{}'` + "\n"
	for _, name := range []string{"tfsec", "trivy"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// INPUTS: a directory of one's own, linted as it is.
	own := filepath.Join(work, "own-repo")
	if err := os.MkdirAll(own, 0o755); err != nil {
		t.Fatal(err)
	}
	policy := `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(own, "main.tf"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "../run.sh")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"SIZES=20", "MIXED=20", "SHARED=20", "PLANS=1", "CHANGES=1", "RUNS=1", "PEERS=tfsec trivy checkov", "WORK="+filepath.Join(work, "w"),
		"INPUTS="+own)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("run.sh: %v\n%s", err, out)
	}
	rows := map[string][]string{}
	peerOf := ""
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.HasPrefix(line, "  ") {
			rows[peerOf+"/"+f[0]] = f
			continue
		}
		peerOf = f[0]
		rows[f[0]] = f
	}
	num := regexp.MustCompile(`^[0-9.]+$`)
	if f := rows["own-repo"]; len(f) != 11 || f[1] != "1" || f[7] == "0" || f[10] != "0" {
		t.Errorf("row own-repo (INPUTS): %q, want 1 file, its policy, exit 0\n%s", f, out)
	}
	for _, name := range []string{"estate-20", "mixed-20", "shared-20", "plan-1MB", "changes-1MB", "own-repo"} {
		f := rows[name]
		if len(f) != 11 || f[10] != "0" {
			t.Errorf("row %s: %q (want 11 columns, exit 0)\n%s", name, f, out)
			continue
		}
		for _, c := range f[1:] {
			if !num.MatchString(c) {
				t.Errorf("row %s: column %q is not a number", name, c)
			}
		}
		if f[7] == "0" {
			t.Errorf("row %s: no policies/s", name)
		}
		if tr := rows[name+"/trivy"]; len(tr) != 11 || tr[7] != "-" {
			t.Errorf("row %s/trivy: %q", name, tr)
		}
		tf := rows[name+"/tfsec"]
		if strings.HasPrefix(name, "plan") || strings.HasPrefix(name, "changes") {
			if len(tf) < 2 || tf[1] != "(cannot" {
				t.Errorf("row %s/tfsec: %q, want cannot read", name, tf)
			}
		} else if len(tf) != 11 {
			t.Errorf("row %s/tfsec: %q", name, tf)
		}
	}
	if !strings.Contains(string(out), "checkov is not on PATH, skipped") {
		t.Errorf("no word of checkov missing:\n%s", out)
	}
	logged, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	w := filepath.Join(work, "w")
	for _, want := range []string{
		"tfsec --no-color --format json --soft-fail " + w + "/estate-20",
		"tfsec --no-color --format json --soft-fail " + own,
		"trivy config --format json --quiet --exit-code 0 --skip-check-update --skip-version-check --disable-telemetry " + w + "/plan-1.json",
		"trivy config --format json --quiet --exit-code 0 --skip-check-update --skip-version-check --disable-telemetry " + w + "/changes-1.json",
	} {
		if !strings.Contains(string(logged), want+"\n") {
			t.Errorf("no run %q in:\n%s", want, logged)
		}
	}
}
