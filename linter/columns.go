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
	n := 0
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			n += 2 + 2*len(fs[i].Related)
		}
	}
	byFile := map[string][]*hcl.Pos{}
	var lastName string
	var last []*hcl.Pos
	add := func(name string, ps ...*hcl.Pos) {
		if name != lastName || last == nil {
			if last != nil {
				byFile[lastName] = last
			}
			if _, ok := res.Sources[name]; !ok {
				lastName, last = "", nil
				return
			}
			lastName, last = name, byFile[name]
			if last == nil {
				last = make([]*hcl.Pos, 0, n) // all of them, for the first file
				n = min(n, 64)
			}
		}
		last = append(last, ps...)
	}
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			f := &fs[i]
			add(f.Range.Filename, &f.Range.Start, &f.Range.End)
			// A related slice shared by findings is converted twice, to the
			// same columns (Convert reads only the byte offsets).
			for j := range f.Related {
				r := &f.Related[j].Range
				add(r.Filename, &r.Start, &r.End)
			}
		}
	}
	for i := range res.Errors {
		if e := &res.Errors[i]; e.at != nil {
			add(e.File, e.at)
		}
	}
	if last != nil {
		byFile[lastName] = last
	}
	changed := false
	for name, ps := range byFile {
		if textpos.Convert(res.Sources[name], ps) {
			changed = true
		}
	}
	for i := range res.Errors {
		e := &res.Errors[i]
		if e.at != nil && e.at.Line == e.Line {
			e.Column = e.at.Column
		}
		e.at = nil
	}
	if changed {
		sortFindings(res.Findings)
		sortFindings(res.Suppressed)
	}
}
