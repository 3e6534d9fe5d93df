package report

import (
	"fmt"
	"io"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
)

// The principals section: the effective permissions of each user, group, role
// and permission set (linter.Result.Principals, computed by package effective
// when linter.Options.Principals is set). The JSON report carries it as
// "principals"; the text report as a table (iamlint --principals) before the
// summary line. Other formats leave it out.

// jsonPrincipals returns the JSON section: nil (left out) when the summary was
// not computed, else the list ([] when there is no principal).
func jsonPrincipals(ps []effective.PrincipalSummary) *[]effective.PrincipalSummary {
	if ps == nil {
		return nil
	}
	out := make([]effective.PrincipalSummary, len(ps))
	copy(out, ps)
	return &out
}

// principalsTable writes the --principals table of the text report, when the
// summary was computed.
func principalsTable(w io.Writer, res *linter.Result) error {
	if res.Principals == nil {
		return nil
	}
	if len(res.Principals) == 0 {
		_, err := fmt.Fprintln(w, "Principals: none (no IAM user, group, role or permission set)")
		return err
	}
	admins, escalating := 0, 0
	for _, p := range res.Principals {
		if p.AdminEquivalent {
			admins++
		}
		if len(p.EscalationPaths) > 0 {
			escalating++
		}
	}
	fmt.Fprintf(w, "Principals: %d, %d admin-equivalent, %d with an escalation path (--format json has the details)\n",
		len(res.Principals), admins, escalating)
	ps := res.Principals
	for i := range ps {
		if !plainASCII(ps[i].Address) {
			// An address from the input may hold control characters
			// (a label "a\x1b[2K"): shown as U+FFFD (Printable), on a copy.
			ps = append([]effective.PrincipalSummary(nil), ps...)
			for j := range ps {
				ps[j].Address = Printable(ps[j].Address)
			}
			break
		}
	}
	return effective.WriteTable(w, ps)
}
