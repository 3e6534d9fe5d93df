package linter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
)

// unknownNotices tells, for each policy of the .tf source that is wholly or
// partly unknown before apply (it is built from a data source, an attribute
// known only after apply, or a variable with no value), that it could not be
// linted, or only in part: what stays unknown is never taken for "*" and never
// passed over in silence. One notice per document (address, attribute,
// location). A module directory evaluated as a root and also called by
// another root gives none of its own: its variables have no value there, and
// the called instance, linted with the caller's inputs, gives the notice
// when its policy is unknown too.
func unknownNotices(spaces []*extract.Space, rules []*Rule) hcl.Diagnostics {
	shadowed := extract.CalledRoots(spaces)
	var u unknownSet
	for i, sp := range spaces {
		if sp != nil && !shadowed[i] {
			u.add(unknownOf(sp.Documents, rules))
		}
	}
	return u.notices()
}

// markStandalone marks the documents of the module directories linted on
// their own that another root module calls (iam.Document.Standalone).
func markStandalone(spaces []*extract.Space) {
	for i, called := range extract.CalledRoots(spaces) {
		if called && spaces[i] != nil {
			setStandalone(spaces[i].Documents, true)
		}
	}
}

// setStandalone sets iam.Document.Standalone on docs.
func setStandalone(docs []*iam.Document, v bool) {
	for _, d := range docs {
		if d != nil {
			d.Standalone = v
		}
	}
}

// standaloneMatters reports whether a rule judges one of docs otherwise
// when it is Standalone (iam.Document.StandaloneMatters).
func standaloneMatters(docs []*iam.Document) bool {
	for _, d := range docs {
		if d != nil && d.StandaloneMatters() {
			return true
		}
	}
	return false
}

// unknownDocs is what unknownNotices reads of the documents of one space:
// the candidates to a notice, in order, and the (address, attribute) of
// the unknown documents.
type unknownDocs struct {
	cands   []unknownCand
	unknown [][2]string
}

// unknownCand is a document that gets a notice unless another is unknown
// at its address and attribute (known) or one is already given (seen).
type unknownCand struct {
	addr, attr string
	rng        hcl.Range
	known      bool
	notice     *hcl.Diagnostic
}

// unknownOf lists the candidates of docs (see unknownDocs).
func unknownOf(docs []*iam.Document, rules []*Rule) unknownDocs {
	var u unknownDocs
	for _, d := range docs {
		if d.Unknown {
			u.unknown = append(u.unknown, [2]string{d.Address, d.Attribute})
		}
	}
	for _, d := range docs {
		grants := ""
		if !d.Unknown {
			grants = unknownGrants(d, rules)
		}
		if (!d.Unknown && grants == "") || len(d.ParseErrors()) > 0 || d.Unread() {
			continue // known, or known and not JSON (policy-invalid says so), or not read (an error says so)
		}
		r := d.Range.HCL()
		what := "is unknown before apply and could not be linted"
		switch {
		case !d.Unknown:
			what = unknownGrantsText(grants, "before apply")
		case knownStatements(d) > 0:
			what = "is partly unknown before apply: its known statements were linted, the others could not be"
		}
		msg := fmt.Sprintf("The policy of %s (%s) %s: %s", d.Address, d.Attribute, what, unknownApplyCause)
		u.cands = append(u.cands, unknownCand{addr: d.Address, attr: d.Attribute, rng: r, known: !d.Unknown,
			notice: unknownPolicyNotice(d, r, unknownPolicySummary, msg)})
	}
	return u
}

// unknownPolicySummary is the summary of unknownOf's notices.
const unknownPolicySummary = "Policy unknown before apply"

// unknownApplyCause ends unknownOf's notices: why a policy is unknown, unless
// an error in its text is why (explainErrorUnknowns).
const unknownApplyCause = "it is built from values known only after apply or from variables with no value (give them with --var or --var-file, or lint the plan: terraform show -json)."

// explainErrorUnknowns rewords the notices of policies unknown before apply
// whose text holds an error of the run that made a value unknown (marked
// so where it is made, eval.MadeUnknown, its detail saying "the value is
// unknown": Number out of range, a file() outside the scanned tree, ...):
// the notice put it on values known only after apply or variables with
// no value. Such a notice points at the
// (first) error instead; it is never dropped, and one without such an
// error in its text (a value known only after apply, an error elsewhere,
// in a local the policy reads, or an error that makes nothing unknown: a
// duplicate block at a policy document's header, the notice's place) keeps
// its words. The notices are copied, not changed.
// sources are the files' texts (for the error's column, in code points).
func explainErrorUnknowns(diags hcl.Diagnostics, sources map[string][]byte) hcl.Diagnostics {
	var errs map[string][]*hcl.Diagnostic // the errors by file, in order
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Subject != nil && d.Subject.Filename != "" && eval.MakesUnknown(d) {
			if errs == nil {
				errs = map[string][]*hcl.Diagnostic{}
			}
			errs[d.Subject.Filename] = append(errs[d.Subject.Filename], d)
		}
	}
	if errs == nil {
		return diags
	}
	var out hcl.Diagnostics
	for i, d := range diags {
		if d.Summary != unknownPolicySummary || d.Subject == nil || !strings.HasSuffix(d.Detail, unknownApplyCause) {
			continue
		}
		at := d.Subject
		j := slices.IndexFunc(errs[at.Filename], func(e *hcl.Diagnostic) bool {
			return e.Subject.Start.Byte >= at.Start.Byte && e.Subject.End.Byte <= at.End.Byte
		})
		if j < 0 {
			continue
		}
		e := errs[at.Filename][j].Subject
		col := e.Start.Column
		if src, ok := sources[e.Filename]; ok && e.Start.Byte <= len(src) {
			col = textpos.Column(src, e.Start.Byte)
		}
		if out == nil {
			out = slices.Clone(diags)
		}
		c := *d
		c.Detail = strings.ReplaceAll(strings.TrimSuffix(d.Detail, unknownApplyCause), " before apply", "") +
			fmt.Sprintf("the error at line %d, column %d (%s) made a value of it unknown: see that error, and lint again once it is solved.", e.Start.Line, col, errs[at.Filename][j].Summary)
		out[i] = &c
	}
	if out == nil {
		return diags
	}
	return out
}

// explainSpentBudget adds to the notices of policies unknown before apply
// that an "Evaluation too large" error of the run may be why: past a spent
// evaluation budget the values are unknown, which the notice alone put on
// values known only after apply or variables with no value (red team 16).
// The notices are copied, not changed.
func explainSpentBudget(diags hcl.Diagnostics) hcl.Diagnostics {
	if !slices.ContainsFunc(diags, func(d *hcl.Diagnostic) bool {
		return d.Severity == hcl.DiagError && d.Summary == eval.SummaryTooLarge
	}) {
		return diags
	}
	out := make(hcl.Diagnostics, len(diags))
	for i, d := range diags {
		if d.Summary == unknownPolicySummary {
			c := *d
			c.Detail += " An \"" + eval.SummaryTooLarge + "\" error of this run may be why: the values evaluated after an evaluation budget is spent are unknown."
			d = &c
		}
		out[i] = d
	}
	return out
}

// unknownSet gathers the unknownDocs of the spaces, in order.
type unknownSet struct{ spaces []unknownDocs }

func (s *unknownSet) add(u unknownDocs) { s.spaces = append(s.spaces, u) }

// notices returns the notices of the spaces added (see unknownNotices).
func (s *unknownSet) notices() hcl.Diagnostics {
	// The attributes with a wholly or partly unknown document: a known
	// document of the same attribute with unknown grants (the one instance
	// of a dynamic block over an unknown for_each) needs no second notice.
	unknown := map[[2]string]bool{}
	for _, u := range s.spaces {
		for _, k := range u.unknown {
			unknown[k] = true
		}
	}
	type key struct {
		addr, attr string
		rng        hcl.Range
	}
	seen := map[key]bool{}
	var diags hcl.Diagnostics
	for _, u := range s.spaces {
		for _, c := range u.cands {
			if c.known && unknown[[2]string{c.addr, c.attr}] {
				continue
			}
			k := key{c.addr, c.attr, c.rng}
			if seen[k] {
				continue
			}
			seen[k] = true
			diags = append(diags, c.notice)
		}
	}
	return diags
}

// unknownPolicyNotice is the notice that the policy d (at r) could not be
// linted, or only in part, as it is unknown until apply.
func unknownPolicyNotice(d *iam.Document, r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: &r, Extra: noticeAddress(d.Address)}
}

// unknownGrants says what of a statement of d is unknown before apply though
// the document itself is known: "Effect or actions" (an Effect, or Action or
// NotAction values: var.effect with no value, a list of actions read from a
// data source), "principals" (the type of a principal of a grant, or the
// whole Principal: principals { type = var.kind }, Principal = var.who; the
// grant may be to "*", which wildcard-principal cannot tell), or "" when
// neither is: what such a statement grants or denies could not be judged. A
// principal whose type is known and whose ARN is known only after apply (a
// role the same apply creates) is never "*": it is not unknown here.
// Last, what a rule of rules takes as known though it is unknown
// (Rule.TakesUnknown: a condition that pins who may call a grant to "*"
// with a value known only after apply), as pinPrefix and the keys.
func unknownGrants(d *iam.Document, rules []*Rule) string {
	principals := false
	var took []string
	for _, s := range d.Statements {
		if s == nil {
			continue
		}
		if e := s.Effect(); !e.Known && !e.Range.IsZero() {
			return "Effect or actions" // (an Effect with no range is absent: policy-invalid)
		}
		for _, v := range s.Actions {
			if !v.Known {
				return "Effect or actions"
			}
		}
		for _, v := range s.NotActions() {
			if !v.Known {
				return "Effect or actions"
			}
		}
		if s.IsAllow() {
			for _, pr := range s.Principals() {
				if !pr.Type.Known && (pr.ID.Is("*") || (!pr.ID.Known && mayBeStar(pr.ID.Partial()))) {
					principals = true
				}
			}
			if len(s.Conditions()) > 0 && !principals {
				for _, r := range rules {
					if r.TakesUnknown == nil {
						continue
					}
					if k := r.TakesUnknown(d, s); k != "" && !slices.Contains(took, k) {
						took = append(took, k)
					}
				}
			}
		}
	}
	if principals {
		return "principals"
	}
	if len(took) > 0 {
		return pinPrefix + strings.Join(took, ", ")
	}
	return ""
}

// pinPrefix starts what unknownGrants returns for the conditions a rule
// took as known (Rule.TakesUnknown), followed by their keys.
const pinPrefix = "pins:"

// mayBeStar reports whether an unknown value with partial text partial
// (iam.Value.Partial: "" when nothing of it is known) may be "*": its known
// parts are wildcards only.
func mayBeStar(partial string) bool {
	return strings.Trim(strings.ReplaceAll(partial, iam.UnknownPart, ""), "*") == ""
}

// unknownGrantsText is the notice of a known document with statements
// whose what (unknownGrants) is not known, before or until apply (when).
func unknownGrantsText(what, when string) string {
	if keys, ok := strings.CutPrefix(what, pinPrefix); ok {
		return "allows every principal (\"*\") on conditions whose values are unknown " + when + " (" + keys +
			"): wildcard-principal took them to limit who may call, which could not be checked (the rest was linted)"
	}
	return "has statements whose " + what + " are unknown " + when + ": what they grant could not be linted (the rest was)"
}
