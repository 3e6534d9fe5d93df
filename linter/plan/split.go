package plan

import (
	"bytes"
	"sync/atomic"
)

// A lazy load (Options.Lazy: a big plan, streamed) is one pass over the
// plan on one CPU before anything else can start: for the 200 MB bench
// plan, most of a second while the other CPU waits. The pass over
// resource_changes, most of the plan, is therefore split in two: a second
// loader reads the changes from a point in the second half of the plan
// where an element seems to start (a guess: `{"address":"` after a comma)
// while this one reads from the start. When this one reaches the guessed
// element exactly, the guess was right and the second loader's changes
// follow its own; else (the guess was inside a value, or past the array)
// they are dropped and this one reads on alone. Either way the result is
// that of one loader reading the array in order: the same changes in the
// same order, the same sensitive ranges, the same first error (the second
// loader's error counts only when the guess was right, and after what it
// read before it, as the pass would have).

// minSplitPass is the size of what follows resource_changes' '[' from
// which a lazy load splits its pass (a variable for the tests).
var minSplitPass = 32 << 20

// splitResult is what the second loader of splitChanges read.
type splitResult struct {
	b   *loader
	end int // the offset of the array's ']' (when err is nil)
	err any // the panic that ended it (a syntaxError for bad JSON)
}

// changes reads the elements of the resource_changes array at v (which
// is '['), splitting the pass when it is worth it; it returns the end of
// the array.
func (l *loader) changes(v int) int {
	s := l.s
	q := -1
	if l.p.lazy != nil && len(s.src)-v >= minSplitPass {
		q = splitPoint(s.src, v+(len(s.src)-v)/2)
	}
	if q < 0 {
		return s.array(v, l.resourceChange)
	}
	b := &loader{s: &scanner{src: s.src, name: s.name, lines: s.lines, depth: s.depth + 1, types: s.types, unread: s.unread, derive: s.derive}, opts: l.opts, p: &Plan{}}
	if s.copies != nil {
		b.s.copies = &strCache{}
	}
	var stop atomic.Bool
	done := make(chan splitResult, 1)
	go func() {
		r := splitResult{b: b}
		defer func() {
			r.err = recover()
			done <- r
		}()
		r.end = b.elements(q, &stop)
	}()
	waited := false
	defer func() {
		if !waited { // the guess was wrong, or this loader failed before it
			stop.Store(true)
			<-done
		}
	}()
	return s.array(v, func(e int) int {
		if waited || e < q {
			return l.resourceChange(e)
		}
		if e > q {
			stop.Store(true) // a wrong guess: read on alone
			<-done
			waited = true
			return l.resourceChange(e)
		}
		r := <-done
		waited = true
		// The second loader's changes follow this one's (and, when it
		// failed, come before its error, as in one pass).
		l.p.Changes = append(l.p.Changes, r.b.p.Changes...)
		l.p.Sensitive = append(l.p.Sensitive, r.b.p.Sensitive...)
		l.jobs = append(l.jobs, r.b.jobs...)
		l.noChange = append(l.noChange, r.b.noChange...)
		for _, d := range r.b.dupDiags {
			l.addDup(d)
		}
		for _, b := range r.b.badMarks {
			l.addBadMark(b)
		}
		l.moreBadMarks = l.moreBadMarks || r.b.moreBadMarks
		if r.err != nil {
			panic(r.err)
		}
		return r.end
	})
}

// elements reads the elements of an array from the one at i, at the
// scanner's depth inside it, as scanner.array does, until the array ends
// (it returns the offset of its ']') or stop is set (it returns -1).
func (l *loader) elements(i int, stop *atomic.Bool) int {
	s := l.s
	for {
		if stop.Load() {
			return -1
		}
		var end bool
		if i, end = s.arrayNext(s.ws(l.resourceChange(i))); end {
			return i
		}
	}
}

// splitPoint returns the first offset from at where an element of
// resource_changes seems to start (`{"address":"` right after a comma and
// white space), or -1.
func splitPoint(src []byte, at int) int {
	pat := []byte(`{"address":"`)
	for at < len(src) {
		k := bytes.Index(src[at:], pat)
		if k < 0 {
			return -1
		}
		q := at + k
		p := q - 1
		for p >= 0 && (src[p] == ' ' || src[p] == '\n' || src[p] == '\r' || src[p] == '\t') {
			p--
		}
		if p >= 0 && src[p] == ',' {
			return q
		}
		at = q + 1
	}
	return -1
}
