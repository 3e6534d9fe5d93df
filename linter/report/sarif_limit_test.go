package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// limitResult has findings of every severity in file order (f0.tf, f1.tf,
// ...: severities low, critical, medium, high, repeated) and suppressed
// findings.
func limitResult(nf, ns int) *linter.Result {
	sev := []linter.Severity{linter.Low, linter.Critical, linter.Medium, linter.High}
	res := &linter.Result{}
	for i := range nf {
		res.Findings = append(res.Findings, linter.Finding{Rule: "wildcard-action", Severity: sev[i%4], Message: "m",
			Range: rng(fmt.Sprintf("f%d.tf", i), 1, 1, 1, 2), Fingerprint: fmt.Sprintf("fp%d", i)})
	}
	for i := range ns {
		res.Suppressed = append(res.Suppressed, linter.Finding{Rule: "wildcard-action", Severity: sev[i%4], Message: "m",
			Range: rng(fmt.Sprintf("s%d.tf", i), 1, 1, 1, 2), Fingerprint: fmt.Sprintf("sp%d", i),
			Suppression: &linter.Suppression{Kind: "baseline", Reason: "in baseline"}})
	}
	return res
}

type limitLog struct {
	Runs []struct {
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Results []struct {
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
				}
			}
			Suppressions []struct{ Kind string }
		}
	}
}

func writeLimited(t *testing.T, res *linter.Result, max int) (limitLog, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, res, ciRules(), Options{ToolVersion: "0.3.0", MaxResults: max}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, b.Bytes())
	var log limitLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log, b.Bytes()
}

// uris lists the files of the results of log, in order.
func uris(log limitLog) []string {
	var out []string
	for _, r := range log.Runs[0].Results {
		out = append(out, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	return out
}

// TestSARIFResultLimit: GitHub code scanning rejects a whole log of more
// than 25,000 results, so none of its alerts shows. With MaxResults the
// log holds that many: suppressed findings are left out first, then the
// least severe findings (the first ones in file order of the level that
// is cut are kept); the order of what is kept is the report's, and a
// warning notification says what is left out. At the limit or under it
// nothing changes (the same bytes as without a limit).
func TestSARIFResultLimit(t *testing.T) {
	// 8 findings (2 of each severity) and 3 suppressed.
	res := limitResult(8, 3)
	for _, max := range []int{11, 12, 100} {
		_, got := writeLimited(t, res, max)
		_, want := writeLimited(t, res, 0)
		if !bytes.Equal(got, want) {
			t.Errorf("max %d: the log changed with 11 results", max)
		}
	}

	// 9: every finding, the most severe suppressed one (s1, critical).
	log, _ := writeLimited(t, res, 9)
	if got, want := strings.Join(uris(log), " "), "f0.tf f1.tf f2.tf f3.tf f4.tf f5.tf f6.tf f7.tf s1.tf"; got != want {
		t.Errorf("max 9: results %s, want %s", got, want)
	}
	n := log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(n) != 1 || n[0].Level != "warning" ||
		n[0].Message.Text != "this log holds 9 of the 11 results: GitHub code scanning rejects a run of more than 9 results; left out: 2 suppressed findings (suppressed findings go first, then the least severe); --format json lists them all" {
		t.Errorf("max 9: notifications %+v", n)
	}

	// 5: the critical and high findings (f1 f3 f5 f7) and the first
	// medium one (f2); no suppressed one.
	log, _ = writeLimited(t, res, 5)
	if got, want := strings.Join(uris(log), " "), "f1.tf f2.tf f3.tf f5.tf f7.tf"; got != want {
		t.Errorf("max 5: results %s, want %s", got, want)
	}
	for _, r := range log.Runs[0].Results {
		if len(r.Suppressions) != 0 {
			t.Errorf("max 5: a suppressed result is kept")
		}
	}
	n = log.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(n) != 1 || !strings.Contains(n[0].Message.Text, "this log holds 5 of the 11 results") ||
		!strings.Contains(n[0].Message.Text, "left out: 3 suppressed findings and 3 findings of severity medium or lower") {
		t.Errorf("max 5: notifications %+v", n)
	}

	// 3: two critical, the first high one.
	log, _ = writeLimited(t, res, 3)
	if got, want := strings.Join(uris(log), " "), "f1.tf f3.tf f5.tf"; got != want {
		t.Errorf("max 3: results %s, want %s", got, want)
	}
	if s := SARIFLeftOut(res); s != "" {
		t.Errorf("SARIFLeftOut of 11 results: %q", s)
	}
}

// TestSARIFFormatGitHubLimit: the sarif format holds GitHubMaxResults
// results at most, and SARIFLeftOut says so; 25,001 results were one too
// many for GitHub.
func TestSARIFFormatGitHubLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("25,001 results")
	}
	res := limitResult(GitHubMaxResults-10, 11)
	var c resultCounter
	if err := SARIF(&c, res, Meta{ToolVersion: "0.3.0", Rules: ciRules()}); err != nil {
		t.Fatal(err)
	}
	if c.n != GitHubMaxResults {
		t.Errorf("%d results, want %d", c.n, GitHubMaxResults)
	}
	if s := SARIFLeftOut(res); !strings.Contains(s, "holds 25000 of the 25001 results") || !strings.Contains(s, "left out: 1 suppressed finding ") {
		t.Errorf("SARIFLeftOut: %q", s)
	}
	res.Suppressed = res.Suppressed[:10]
	if s := SARIFLeftOut(res); s != "" {
		t.Errorf("SARIFLeftOut at the limit: %q", s)
	}
}

// resultCounter counts the results of a SARIF log written to it (each
// starts with its "ruleId" member).
type resultCounter struct {
	n    int
	tail []byte
}

func (c *resultCounter) Write(p []byte) (int, error) {
	const key = `"ruleId": `
	b := append(c.tail, p...)
	c.n += bytes.Count(b, []byte(key))
	// Keep what could start a key cut by the next write (not a whole one).
	k := max(len(b)-(len(key)-1), 0)
	c.tail = append(c.tail[:0], b[k:]...)
	return len(p), nil
}

// TestSARIFRelatedLimit: GitHub code scanning rejects a whole log with a
// result of more than 1,000 related locations; a --new-only finding has
// one per principal a grant newly reaches. The result lists the first
// 1,000 and its message says so; 1,000 are listed as they are.
func TestSARIFRelatedLimit(t *testing.T) {
	finding := func(n int) linter.Finding {
		f := linter.Finding{Rule: "wildcard-action", Severity: linter.Critical, Message: "every action",
			Range: rng("plan.json", 1, 1, 1, 2), Resource: "aws_iam_group_policy_attachment.admins", Fingerprint: fmt.Sprintf("fp%d", n)}
		for i := range n {
			f.Related = append(f.Related, iam.Related{Range: rng("plan.json", 10+i, 3, 10+i, 9), Message: fmt.Sprintf("now also held by user aws_iam_user.u%d", i)})
		}
		return f
	}
	res := &linter.Result{Findings: []linter.Finding{finding(1200), finding(1000)}}
	var b bytes.Buffer
	if err := WriteSARIF(&b, res, ciRules(), Options{ToolVersion: "0.3.0"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, b.Bytes())
	var log struct {
		Runs []struct {
			Results []struct {
				Message          struct{ Text string }
				RelatedLocations []struct {
					ID      int
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	r := log.Runs[0].Results
	if len(r[0].RelatedLocations) != 1000 || r[0].RelatedLocations[999].ID != 1000 ||
		r[0].RelatedLocations[999].Message.Text != "now also held by user aws_iam_user.u999" {
		t.Errorf("1,200 related: %d listed", len(r[0].RelatedLocations))
	}
	if want := "every action (related locations: the first 1000 of 1200, as GitHub code scanning takes at most 1000 a result; --format json lists them all)"; r[0].Message.Text != want {
		t.Errorf("message %q, want %q", r[0].Message.Text, want)
	}
	if len(r[1].RelatedLocations) != 1000 || r[1].Message.Text != "every action" {
		t.Errorf("1,000 related: %d listed, message %q", len(r[1].RelatedLocations), r[1].Message.Text)
	}
}
