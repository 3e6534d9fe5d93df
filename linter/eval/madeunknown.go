package eval

import "github.com/hashicorp/hcl/v2"

// MadeUnknown is the Extra of a diagnostic of the evaluation whose problem
// made the value at its Subject unknown (its text says so: "the value is
// unknown"): the runner's notice of a policy unknown before apply names
// such an error in the policy's text as why (linter's
// explainErrorUnknowns), not values known only after apply. It is set
// where the diagnostic is made (diagUnknown, warnUnknown, markUnknown), so
// that no reader depends on the words of a message. Infinite is set on
// the error of an infinite number (sayHugeNumber), which try(...) and a
// template's %{ for } read (infiniteSaid).
type MadeUnknown struct {
	Infinite bool
}

// madeUnknownOf is MadeUnknown of a diagnostic that had an Extra of its
// own (hcl's, of a function call), which it keeps (hcl unwraps it:
// hcl.DiagnosticExtraUnwrapper). A pointer: the Extra it holds need not be
// comparable.
type madeUnknownOf struct{ extra any }

func (m *madeUnknownOf) UnwrapDiagnosticExtra() any { return m.extra }

// MakesUnknown reports whether d says that the problem it reports made a
// value unknown (MadeUnknown).
func MakesUnknown(d *hcl.Diagnostic) bool {
	switch d.Extra.(type) {
	case MadeUnknown, *madeUnknownOf:
		return true
	}
	return false
}

// markUnknown marks d as a problem that made a value unknown (its text,
// rewritten by the caller, says so now); what it said of an infinite
// number no longer holds.
func markUnknown(d *hcl.Diagnostic) {
	switch d.Extra.(type) {
	case nil, MadeUnknown:
		d.Extra = MadeUnknown{}
	case *madeUnknownOf:
	default:
		d.Extra = &madeUnknownOf{extra: d.Extra}
	}
}

// infiniteSaid reports whether d is sayHugeNumber's error for an infinity.
func infiniteSaid(d *hcl.Diagnostic) bool {
	m, ok := d.Extra.(MadeUnknown)
	return ok && m.Infinite
}

// diagUnknown is diag for a problem that made the value at rng unknown
// (MadeUnknown).
func (ev *evaluator) diagUnknown(sev hcl.DiagnosticSeverity, summary, detail string, rng hcl.Range) {
	ev.diag(sev, summary, detail, rng)
	ev.diags[len(ev.diags)-1].Extra = MadeUnknown{}
}

// warnUnknown is warn for a problem that made the value at rng unknown
// (MadeUnknown).
func (e *env) warnUnknown(summary, detail string, rng hcl.Range) {
	e.s.ev.diagUnknown(hcl.DiagWarning, summary, detail, rng)
}
