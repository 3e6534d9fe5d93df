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
//
// runes indexes the text of the files res.Sources does not hold (by file
// name: the plans whose bytes were dropped, see dropPlanBytes).
func codePointColumns(res *Result, runes map[string]*runeIndex) {
	n := 0
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			n += 2 + 2*len(fs[i].Related)
		}
	}
	ps := positions{sources: res.Sources, runes: runes, byFile: map[string][]*hcl.Pos{}, n: n}
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			f := &fs[i]
			ps.add(f.Range.Filename, &f.Range.Start, &f.Range.End)
			// A related slice shared by findings is converted twice, to the
			// same columns (Convert reads only the byte offsets).
			for j := range f.Related {
				r := &f.Related[j].Range
				ps.add(r.Filename, &r.Start, &r.End)
			}
		}
	}
	for i := range res.Errors {
		if e := &res.Errors[i]; e.at != nil {
			ps.add(e.File, e.at)
		}
	}
	changed := ps.convert()
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

// codePointRelated sets the columns of ranges rs (related locations added
// to res's findings after codePointColumns: --new-only's new holders) to
// code points, as codePointColumns does. The findings stay in their order,
// which does not depend on related locations.
func codePointRelated(res *Result, rs []*hcl.Range) {
	ps := positions{sources: res.Sources, byFile: map[string][]*hcl.Pos{}, n: 2 * len(rs)}
	for _, r := range rs {
		ps.add(r.Filename, &r.Start, &r.End)
	}
	ps.convert()
}

// positions gathers positions by file, of the files sources holds, for
// textpos.Convert.
type positions struct {
	sources  map[string][]byte
	runes    map[string]*runeIndex // of files sources does not hold
	byFile   map[string][]*hcl.Pos
	lastName string
	last     []*hcl.Pos
	n        int // the capacity of the first file's list (a bound of all)
}

func (p *positions) add(name string, ps ...*hcl.Pos) {
	if name != p.lastName || p.last == nil {
		if p.last != nil {
			p.byFile[p.lastName] = p.last
		}
		if _, ok := p.sources[name]; !ok && p.runes[name] == nil {
			p.lastName, p.last = "", nil
			return
		}
		p.lastName, p.last = name, p.byFile[name]
		if p.last == nil {
			p.last = make([]*hcl.Pos, 0, p.n) // all of them, for the first file
			p.n = min(p.n, 64)
		}
	}
	p.last = append(p.last, ps...)
}

// convert converts the positions gathered, and reports whether a column
// changed.
func (p *positions) convert() (changed bool) {
	if p.last != nil {
		p.byFile[p.lastName] = p.last
		p.last = nil
	}
	for name, ps := range p.byFile {
		if src, ok := p.sources[name]; ok {
			if textpos.Convert(src, ps) {
				changed = true
			}
		} else if p.runes[name].convert(ps) {
			changed = true
		}
	}
	return changed
}
