package report

import (
	"fmt"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// GitHubMaxResults is the most results GitHub code scanning accepts in one
// SARIF run: it rejects a whole log with more ("Analysis SARIF file
// rejected due to result limits"), so that none of its alerts is shown,
// and of those it takes it shows the 5,000 most severe. Suppressed results
// count. The sarif format (SARIF) holds at most this many.
const GitHubMaxResults = 25000

// sarifSelection is what of a result a SARIF log with at most max results
// holds: the indexes of the findings and suppressed findings kept, in
// their order (nil: all), and how many of each are left out.
type sarifSelection struct {
	findings, suppressed []int
	leftF, leftS         int
	// below: the findings left out are of this severity or lower.
	below linter.Severity
}

// selectSARIF chooses the results of a log of at most max results (0: no
// limit): the findings first, the most severe of them when they are more
// than max (in their order within a severity), then as many suppressed
// findings as still fit, the most severe first. Whatever is left out is
// the least severe, and a suppressed finding goes before any finding.
func selectSARIF(res *linter.Result, max int) (sel sarifSelection, capped bool) {
	if res == nil || max <= 0 || len(res.Findings)+len(res.Suppressed) <= max {
		return sarifSelection{}, false
	}
	sel.findings, sel.below = mostSevere(res.Findings, max)
	sel.suppressed, _ = mostSevere(res.Suppressed, max-len(sel.findings))
	sel.leftF = len(res.Findings) - len(sel.findings)
	sel.leftS = len(res.Suppressed) - len(sel.suppressed)
	return sel, true
}

// mostSevere returns the indexes, in order, of the n most severe of fs
// (the first ones of the least severe level that is taken in part), and
// the highest severity of those it leaves out (0: none).
func mostSevere(fs []linter.Finding, n int) ([]int, linter.Severity) {
	if n <= 0 {
		if len(fs) == 0 {
			return []int{}, 0
		}
		return []int{}, highest(fs)
	}
	if n >= len(fs) {
		all := make([]int, len(fs))
		for i := range all {
			all[i] = i
		}
		return all, 0
	}
	// Count by severity (an unknown one counts as lowest), then find the
	// level that is cut and how many of it are kept.
	rank := func(s linter.Severity) int {
		if s < linter.Low || s > linter.Critical {
			return 0
		}
		return int(s)
	}
	var count [int(linter.Critical) + 1]int
	for i := range fs {
		count[rank(fs[i].Severity)]++
	}
	cut, room := 0, n
	for r := int(linter.Critical); r >= 0; r-- {
		if count[r] > room {
			cut = r
			break
		}
		room -= count[r]
	}
	keep := make([]int, 0, n)
	for i := range fs {
		r := rank(fs[i].Severity)
		if r > cut || (r == cut && room > 0) {
			if r == cut {
				room--
			}
			keep = append(keep, i)
		}
	}
	return keep, linter.Severity(cut)
}

func highest(fs []linter.Finding) linter.Severity {
	var h linter.Severity
	for i := range fs {
		h = max(h, fs[i].Severity)
	}
	return h
}

// note says what the log leaves out of total results.
func (sel sarifSelection) note(total, max int) string {
	msg := fmt.Sprintf("this log holds %d of the %d results: GitHub code scanning rejects a run of more than %d results; left out:", total-sel.leftF-sel.leftS, total, max)
	sep := ""
	if sel.leftS > 0 {
		msg += fmt.Sprintf(" %d suppressed %s", sel.leftS, plural(sel.leftS, "finding", "findings"))
		sep = " and"
	}
	if sel.leftF > 0 {
		msg += fmt.Sprintf("%s %d %s of severity %s or lower", sep, sel.leftF, plural(sel.leftF, "finding", "findings"), sel.below)
	}
	return msg + " (suppressed findings go first, then the least severe); --format json lists them all"
}

// SARIFLeftOut returns how many of the findings and suppressed findings of
// res the sarif format (SARIF) leaves out, and what it says of them; ""
// when it leaves none out.
func SARIFLeftOut(res *linter.Result) string {
	sel, capped := selectSARIF(res, GitHubMaxResults)
	if !capped {
		return ""
	}
	return sel.note(len(res.Findings)+len(res.Suppressed), GitHubMaxResults)
}

// GitHubMaxRelated is the most related locations GitHub code scanning
// accepts in one result: it rejects a whole log with a result that has more
// ("more related locations per result than allowed (1626 > 1000)"). A
// finding of --new-only has one per principal a grant newly reaches (an
// unchanged administrator policy attached to a group that 1,200 users
// join: 1,200).
const GitHubMaxRelated = 1000

// sarifRelated returns the related locations and the message of the SARIF
// result of f: the first GitHubMaxRelated of its related locations, and
// when there are more, its message says how many the result lists.
func sarifRelated(f *linter.Finding) ([]iam.Related, string) {
	msg := nonEmpty(f.Message, f.Rule)
	if len(f.Related) <= GitHubMaxRelated {
		return f.Related, msg
	}
	return f.Related[:GitHubMaxRelated], fmt.Sprintf("%s (related locations: the first %d of %d, as GitHub code scanning takes at most %d a result; --format json lists them all)",
		msg, GitHubMaxRelated, len(f.Related), GitHubMaxRelated)
}
