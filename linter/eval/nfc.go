package eval

import (
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"golang.org/x/text/unicode/norm"
)

// NFCChange reports whether the text at the start of b is a run that cty,
// which stores every string in Unicode NFC, writes differently from the
// source (a letter and its combining marks, composed into one code point:
// "e\u0301" is "é"): n is the run's length in b and out the run as the
// string holds it. A run ends at b's end, so that the text after b does not
// change it. It is cheap where b's next two bytes are ASCII (no run starts
// there).
func NFCChange(b []byte) (n int, out []byte, ok bool) {
	if len(b) == 0 || (b[0] < utf8.RuneSelf && (len(b) < 2 || b[1] < utf8.RuneSelf)) {
		return 0, nil, false
	}
	n, ok, joiner := nfcRun(b)
	if !ok {
		return 0, nil, false
	}
	return n, nfcBytes(b[:n], joiner), true
}

// NFCEscapedRun is NFCChange for the source of a string at the start of b
// whose run may hold escapes: unescape decodes the escape at the start of
// its argument (a '\\'), giving its rune and source length, 0 for one
// that composes with nothing (it ends the run). n is the run's length in b,
// out the run composed, escaped whether an escape was decoded. At most 64
// characters are decoded; the run ends before an ASCII character.
func NFCEscapedRun(b []byte, unescape func([]byte) (rune, int)) (n int, out []byte, escaped, ok bool) {
	var dec []byte
	var ends []int // ends[k]: source length of the first k+1 characters
	for i := 0; i < len(b) && len(ends) < 64; {
		if b[i] != '\\' {
			_, w := utf8.DecodeRune(b[i:])
			dec = append(dec, b[i:i+w]...)
			i += w
		} else {
			r, size := unescape(b[i:])
			if size == 0 {
				break
			}
			dec = utf8.AppendRune(dec, r)
			i += size
			escaped = true
		}
		ends = append(ends, i)
		if i < len(b) && b[i] < utf8.RuneSelf && b[i] != '\\' {
			break // nothing composes with the characters before an ASCII one
		}
	}
	d, out, ok := NFCChange(dec)
	if !ok {
		return 0, nil, escaped, false
	}
	for k, m := 0, 0; k < len(ends); k++ { // d is at a character's end
		_, w := utf8.DecodeRune(dec[m:])
		if m += w; m == d {
			return ends[k], out, escaped, true
		}
	}
	return 0, nil, escaped, false
}

// cgj is the Combining Grapheme Joiner (U+034F) that NFC writes after 30
// non-starters in a row when more follow (Unicode's Stream-Safe Text
// Format, which x/text's NFC, and so cty, applies): "a" and 35 U+0301 is
// "\u00e1", 29 U+0301, U+034F and 6 U+0301.
const cgj = "\u034f"

// nfcRun returns the length of the run NFC normalizes on its own at the
// start of b (at least one byte), whether NFC changes it, and whether NFC
// writes cgj after it (the run ends at the 30th non-starter in a row and
// b's next character is one more): then it changes.
func nfcRun(b []byte) (n int, changes, joiner bool) {
	n = norm.NFC.NextBoundary(b, true)
	if n <= 0 {
		n = 1
	}
	if n < len(b) && !norm.NFC.Properties(b[n:]).BoundaryBefore() {
		return n, true, true
	}
	return n, !norm.NFC.IsNormal(b[:n]), false
}

// nfcBytes is a run of nfcRun as NFC writes it (with cgj after it when
// joiner), never b itself.
func nfcBytes(run []byte, joiner bool) []byte {
	out := norm.NFC.Bytes(run)
	if joiner {
		return append(out[:len(out):len(out)], cgj...)
	}
	return out
}

// maxNFCRuns is how many runs NFC rewrites nfcSegments gives a segment
// each (or one to a run of them); the text after is one segment.
const maxNFCRuns = 1024

// nfcSegments returns the segments of a string that holds src (read at
// start of file) as cty holds it, normalized (NFC), and the string's
// length: src's runs NFC keeps as they are are verbatim, each run it
// rewrites is one segment at the run's position. It is nil, len(src) when
// NFC keeps all of src (the one verbatim segment of it is the caller's).
func nfcSegments(src []byte, file string, start hcl.Pos) ([]Segment, int) {
	var segs []Segment
	pos, out, run, runs := start, 0, 0, 0 // run: start in src of the open verbatim run
	// move advances pos over src[from:to].
	move := func(from, to int) {
		for k := from; k < to; {
			k += advance(&pos, src[k:])
		}
	}
	for i := 0; i < len(src); {
		if q := norm.NFC.QuickSpan(src[i:]); q > 0 {
			i += q
			continue
		}
		n, changes, joiner := nfcRun(src[i:])
		if !changes {
			i += n
			continue
		}
		if runs++; runs > maxNFCRuns {
			// The rest is one segment: a text of many such runs is not
			// a policy's, and a segment each would take memory.
			n, joiner = len(src)-i, false
		}
		if i > run {
			segs = append(segs, Segment{Offset: out, Len: i - run, Start: pos, File: file, Verbatim: true, Src: src[run:i]})
			out += i - run
			move(run, i)
		}
		l := len(nfcBytes(src[i:i+n], joiner))
		if g := len(segs) - 1; g >= 0 && !segs[g].Verbatim {
			segs[g].Len += l // "ééé": one segment
		} else {
			segs = append(segs, Segment{Offset: out, Len: l, Start: pos, File: file})
		}
		out += l
		move(i, i+n)
		// A range that ends in the run ends after it (after the accent
		// of "e" and U+0301), not one column past its start.
		segs[len(segs)-1].End = pos
		i += n
		run = i
	}
	if segs == nil {
		return nil, len(src)
	}
	if run < len(src) {
		segs = append(segs, Segment{Offset: out, Len: len(src) - run, Start: pos, File: file, Verbatim: true, Src: src[run:]})
		out += len(src) - run
	}
	return segs, out
}
