package linter

import (
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/internal/textpos"
)

// codePointColumns sets every column res reports (findings and suppressed
// findings, start and end, their related locations, errors, notices) to 1-based
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
	// The positions are gathered in parts, walked on every CPU: a run of
	// findings each, then one of the suppressed findings, errors and
	// notices (walked on one CPU, twice, the findings of a dense
	// 10,000-file estate were 0.03 s of the run's end while the other CPU
	// idled). Each part counts its positions by file, then adds them to
	// its stretch of its file's list (a file's list is its parts'
	// stretches one after the other, in one array).
	const run = 8192
	fs := res.Findings
	runs := (len(fs) + run - 1) / run
	walk := func(k int, ps *positions) {
		if k < runs {
			walkFindings(ps, fs[k*run:min((k+1)*run, len(fs))])
			return
		}
		walkFindings(ps, res.Suppressed)
		for i := range res.Errors {
			if e := &res.Errors[i]; e.at != nil {
				ps.add(e.File, e.at, nil)
			}
		}
		for i := range res.Notices {
			if n := &res.Notices[i]; n.at != nil {
				ps.add(n.File, n.at, nil)
			}
		}
	}
	parts := make([]*positions, runs+1)
	par.For(len(parts), 1, func(k int) {
		parts[k] = newPositions(res.Sources, runes)
		walk(k, parts[k])
		parts[k].flushCount()
	})
	ps := newPositions(res.Sources, runes)
	total := 0
	for _, p := range parts {
		for name, c := range p.counts {
			ps.counts[name] += c
			total += c
		}
	}
	all := make([]*hcl.Pos, total)
	off := 0
	next := make(map[string]int, len(ps.counts)) // where the next part's stretch of each file starts
	for name, c := range ps.counts {
		ps.byFile[name] = all[off : off+c]
		next[name] = off
		off += c
	}
	for _, p := range parts { // (in order: a file's stretches in part order)
		for name, n := range p.counts {
			at := next[name]
			p.byFile[name] = all[at : at : at+n]
			next[name] = at + n
		}
	}
	ps.counts = nil
	par.For(len(parts), 1, func(k int) {
		p := parts[k]
		p.counts = nil
		p.started, p.lastName, p.lastOK, p.last = false, "", false, nil
		walk(k, p)
	})
	changed := ps.convert()
	for i := range res.Errors {
		e := &res.Errors[i]
		if e.at != nil && e.at.Line == e.Line {
			e.Column = e.at.Column
		}
		e.at = nil
	}
	for i := range res.Notices {
		n := &res.Notices[i]
		if n.at != nil && n.at.Line == n.Line {
			n.Column = n.at.Column
		}
		n.at = nil
	}
	if changed {
		sortFindings(res.Findings)
		sortFindings(res.Suppressed)
	}
}

// walkFindings gives ps the positions of fs (their ranges', their related
// locations').
func walkFindings(ps *positions, fs []Finding) {
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

// codePointRelated sets the columns of ranges rs (related locations added
// to res's findings after codePointColumns: --new-only's new holders) to
// code points, as codePointColumns does. The findings stay in their order,
// which does not depend on related locations.
func codePointRelated(res *Result, rs []*hcl.Range) {
	ps := newPositions(res.Sources, nil)
	for range 2 { // counted, then added (see positions)
		for _, r := range rs {
			ps.add(r.Filename, &r.Start, &r.End)
		}
		if ps.counts != nil {
			ps.room()
		}
	}
	ps.convert()
}

// positions gathers positions by file, of the files sources (or runes)
// holds, for textpos.Convert. The positions are walked twice: counted by
// file (add while counts is not nil), then added to lists made of their
// exact size, in one array (room): a list per file grown as the positions
// came took several arrays each on an estate of thousands of files, and
// the first file was given room for all of them.
type positions struct {
	sources  map[string][]byte
	runes    map[string]*runeIndex // of files sources does not hold
	byFile   map[string][]*hcl.Pos
	counts   map[string]int // positions by file (the first walk; nil after room)
	started  bool
	lastName string
	lastOK   bool       // lastName is a file whose positions are converted
	lastN    int        // (counting) positions of lastName not in counts yet
	last     []*hcl.Pos // (adding) the list of lastName
}

func newPositions(sources map[string][]byte, runes map[string]*runeIndex) *positions {
	return &positions{sources: sources, runes: runes, byFile: map[string][]*hcl.Pos{}, counts: map[string]int{}}
}

// converted reports whether the positions of file name are converted.
func (p *positions) converted(name string) bool {
	_, ok := p.sources[name]
	return ok || p.runes[name] != nil
}

// add counts positions a and b (b may be nil) of file name, or adds them
// to its list after room.
func (p *positions) add(name string, a, b *hcl.Pos) {
	if !p.started || name != p.lastName {
		if p.counts != nil {
			p.flushCount()
		} else if p.lastOK {
			p.byFile[p.lastName] = p.last
		}
		p.started, p.lastName, p.lastOK = true, name, p.converted(name)
		if p.counts == nil {
			p.last = p.byFile[name]
		}
	}
	if !p.lastOK {
		return
	}
	if p.counts != nil {
		p.lastN++
		if b != nil {
			p.lastN++
		}
		return
	}
	p.last = append(p.last, a)
	if b != nil {
		p.last = append(p.last, b)
	}
}

func (p *positions) flushCount() {
	if p.lastOK && p.lastN > 0 {
		p.counts[p.lastName] += p.lastN
	}
	p.lastN = 0
}

// room makes each file's list, of the size counted, and starts the second
// walk.
func (p *positions) room() {
	p.flushCount()
	total := 0
	for _, c := range p.counts {
		total += c
	}
	all := make([]*hcl.Pos, total)
	off := 0
	for name, c := range p.counts {
		p.byFile[name] = all[off : off : off+c]
		off += c
	}
	p.counts = nil
	p.started, p.lastName, p.lastOK, p.last = false, "", false, nil
}

// convert converts the positions gathered, and reports whether a column
// changed.
func (p *positions) convert() (changed bool) {
	if p.lastOK {
		p.byFile[p.lastName] = p.last
		p.lastOK, p.last = false, nil
	}
	// The files are converted on every CPU (a position is in the list of
	// its own file only; the texts and rune indexes are only read): on a
	// dense 10,000-file estate, one file after the other was 0.02 s of the
	// run's end on one CPU.
	names := make([]string, 0, len(p.byFile))
	for name := range p.byFile {
		names = append(names, name)
	}
	var anyChanged atomic.Bool
	par.For(len(names), 1, func(k int) {
		name := names[k]
		ps := p.byFile[name]
		if src, ok := p.sources[name]; ok {
			if textpos.Convert(src, ps) {
				anyChanged.Store(true)
			}
		} else if p.runes[name].convert(ps) {
			anyChanged.Store(true)
		}
	})
	return anyChanged.Load()
}
