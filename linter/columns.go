package linter

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/textpos"
)

// codePointColumns sets every column res reports (findings and suppressed
// findings, start and end, their related locations, errors) to 1-based
// Unicode code points from the start of the line, the unit SARIF's
// columnKind declares: the parsers count grapheme clusters (HCL) or bytes
// (plans). It is computed from each position's byte offset and the file's
// text in res.Sources; a position without either keeps its column. It runs
// after fingerprinting and suppression, which compare ranges with the
// model's (fingerprints hold no column), and sorts the findings again when
// a column changed (the units differ on a line only after non-ASCII text).
func codePointColumns(res *Result) {
	type saved struct {
		p   *hcl.Pos
		col int
	}
	byFile := map[string][]*hcl.Pos{}
	var findings []saved
	addRange := func(r *hcl.Range) {
		if _, ok := res.Sources[r.Filename]; !ok {
			return
		}
		findings = append(findings, saved{&r.Start, r.Start.Column}, saved{&r.End, r.End.Column})
		byFile[r.Filename] = append(byFile[r.Filename], &r.Start, &r.End)
	}
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			f := &fs[i]
			addRange(&f.Range)
			// A related slice shared by findings is converted twice, to the
			// same columns (Convert reads only the byte offsets).
			for j := range f.Related {
				addRange(&f.Related[j].Range)
			}
		}
	}
	for i := range res.Errors {
		e := &res.Errors[i]
		if e.at != nil && res.Sources[e.File] != nil {
			byFile[e.File] = append(byFile[e.File], e.at)
		}
	}
	for name, ps := range byFile {
		textpos.Convert(res.Sources[name], ps)
	}
	for i := range res.Errors {
		e := &res.Errors[i]
		if e.at != nil && res.Sources[e.File] != nil && e.at.Line == e.Line {
			e.Column = e.at.Column
		}
		e.at = nil
	}
	for _, s := range findings {
		if s.p.Column != s.col {
			sortFindings(res.Findings)
			sortFindings(res.Suppressed)
			return
		}
	}
}
