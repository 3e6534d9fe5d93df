package linter

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// maxWidePatterns is the most distinct catalog-wide action patterns
// (awsdata.CatalogWide: "*a*b*c*d*", no service named) a run expands: each
// is matched against every action of the catalog, by up to four rules once
// the memos are full. 300,000 distinct ones in one 3.6 MB policy took 40 CPU
// s and 1 GB; real policies hold a handful. Past it, the patterns are
// unknown to the rules (widePatterns).
var maxWidePatterns = 10_000

// widePatterns spends the run's budget of catalog-wide action patterns:
// the first maxWidePatterns distinct ones (lower case, stars squeezed), in
// the order of the documents, statements and values, are expanded as any
// pattern is; the values of the others are made unknown before the rules
// run, which take an unknown action for neither "*" nor nothing (RULES.md),
// and one notice, at the first of them, says how many were not expanded.
// A pattern is expanded or not wherever it is, so the order of the
// documents decides which: the run's order, the same one root at a time
// (lintRoots, in root order) as on the merged model.
type widePatterns struct {
	max     int
	seen    map[string]bool // the patterns within the budget
	cut     map[string]bool // those past it
	nValues int             // the values made unknown
	first   *iam.Range      // the first of them
}

func newWidePatterns() *widePatterns {
	return &widePatterns{max: maxWidePatterns}
}

// apply spends the budget on the action patterns of docs (Action and
// NotAction, of their statements and of the statements they merge).
func (w *widePatterns) apply(docs []*iam.Document) {
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, st := range d.Statements {
			w.statement(st)
		}
		for _, st := range d.Merged() {
			w.statement(st)
		}
	}
}

func (w *widePatterns) statement(st *iam.Statement) {
	if st == nil {
		return
	}
	w.values(st.Actions)
	if st.Extra != nil {
		w.values(st.Extra.NotActions)
	}
}

func (w *widePatterns) values(vs []iam.Value) {
	for i := range vs {
		v := &vs[i]
		if !v.Known || !awsdata.CatalogWide(v.Text) {
			continue
		}
		k := strings.ToLower(iam.SqueezeStars(v.Text))
		if w.seen[k] {
			continue
		}
		if !w.cut[k] {
			if len(w.seen) < w.max {
				if w.seen == nil {
					w.seen = map[string]bool{}
				}
				w.seen[k] = true
				continue
			}
			if w.cut == nil {
				w.cut = map[string]bool{}
			}
			w.cut[k] = true
		}
		if w.first == nil {
			r := v.Range
			w.first = &r
		}
		*v = iam.UnknownValueAt(v.Range) // as any unknown value: no text a rule would read
		w.nValues++
	}
}

// notice is the notice of the patterns not expanded, nil when there are
// none.
func (w *widePatterns) notice() *hcl.Diagnostic {
	if w == nil || w.first == nil {
		return nil
	}
	r := w.first.HCL()
	values := ""
	if w.nValues != len(w.cut) {
		values = fmt.Sprintf(" (%d values)", w.nValues)
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Action patterns not expanded",
		Detail: fmt.Sprintf("The policies of this run hold more than %d distinct action patterns that name no service and start with a wildcard (such as \"*a*b*c*\"), each matched against every action of the catalog. Past that limit, %d such patterns%s, from this one on, were not expanded: the rules take them as unknown (never as \"*\", never as nothing) and did not check what they grant. Name the service in them (\"s3:*Get*\") or list the actions.",
			w.max, len(w.cut), values),
		Subject: &r}
}
