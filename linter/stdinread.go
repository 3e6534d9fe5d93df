package linter

import (
	"bufio"
	"bytes"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/plan"
)

// keepSpace is how much white space at the start of standard input
// readStdin keeps as it came; past it the white space is counted, not
// held (a variable for the tests).
var keepSpace = 1 << 20

// notObjectError is standard input that holds more than keepSpace bytes of
// white space and then nothing, or something other than a JSON object: not
// a plan, said from its Head (plan.Head.Diag) without its bytes.
type notObjectError struct {
	head plan.Head
	rest []byte // the first hclWindow bytes after the white space (a hint: looksLikeHCL)
}

func (e *notObjectError) Error() string { return "standard input is not a JSON object" }

// readStdin reads a plan from standard input, within limit like
// readBounded. White space at its start (after a UTF-8 byte order mark)
// is counted as it comes and kept only up to keepSpace bytes: 1.5 GB of
// white space piped in was held twice (chunks and their join), 2.9 GB,
// for the error "empty input". Past keepSpace, what follows the white
// space decides: nothing or a byte other than '{' is a *notObjectError,
// read no further; '{' is read on, after white space with the same size,
// lines and last line (kept as it came when that line is within
// keepSpace), so that every position in the plan is the same.
func readStdin(r io.Reader, limit int64) ([]byte, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var kept []byte // the input so far while it is within keepSpace
	var h plan.Head // h.Off: the bytes read, all white space
	var tail []byte // the white space after the last newline (or the BOM), while within keepSpace
	long := false   // kept is dropped
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
		kept = append(kept, b[:3]...)
		h.BOM, h.Off = true, 3
	}
	for {
		d, _ := br.Peek(br.Buffered()) // what is buffered: no error
		if len(d) == 0 {
			if _, err := br.Peek(1); err != nil {
				if err != io.EOF {
					return nil, err
				}
				if !long {
					return kept, nil // white space only: Load says so
				}
				return nil, &notObjectError{head: h}
			}
			continue
		}
		j := spaceEnd(d, 0)
		ws := d[:j]
		if last := addSpace(&h, ws); last >= 0 {
			tail = append(tail[:0], ws[last+1:]...)
		} else if len(tail) <= keepSpace {
			tail = append(tail, ws...)
		}
		if int64(h.Off) > limit {
			return nil, errPlanTooLarge
		}
		if !long {
			if h.Off <= keepSpace {
				kept = append(kept, ws...)
			} else {
				kept, long = nil, true
			}
		}
		if j == len(d) {
			_, _ = br.Discard(j)
			continue
		}
		// The first byte that is not white space.
		if !long {
			_, _ = br.Discard(j)
			return readBounded(io.MultiReader(bytes.NewReader(kept), br), limit)
		}
		if d[j] != '{' {
			h.Next, h.HasNext = d[j], true
			_, _ = br.Discard(j)
			rest, _ := br.Peek(hclWindow)
			return nil, &notObjectError{head: h, rest: append([]byte(nil), rest...)}
		}
		_, _ = br.Discard(j)
		return readBounded(io.MultiReader(spaceLike(h, tail), br), limit)
	}
}

// spaceLike returns white space of h.Off bytes with h's lines and last
// line: a BOM when h has one, spaces, h.Newlines newlines, then tail when
// it is the whole last line, else as many spaces.
func spaceLike(h plan.Head, tail []byte) io.Reader {
	bom := 0
	var rs []io.Reader
	if h.BOM {
		bom = 3
		rs = append(rs, bytes.NewReader([]byte("\xef\xbb\xbf")))
	}
	lineStart := max(h.LineOff, bom)
	last := h.Off - lineStart
	rs = append(rs, repeated(' ', lineStart-bom-h.Newlines), repeated('\n', h.Newlines))
	if len(tail) == last {
		rs = append(rs, bytes.NewReader(tail))
	} else {
		rs = append(rs, repeated(' ', last))
	}
	return io.MultiReader(rs...)
}

// repeated returns a reader of n bytes c.
func repeated(c byte, n int) io.Reader {
	return io.LimitReader(byteReader(c), int64(n))
}

// byteReader reads the same byte for ever.
type byteReader byte

func (b byteReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// notObjectDiag is notPlanDiag's error for standard input that is not an
// object (e.head), without its bytes: Load's, completed as notPlanDiag
// completes it.
func notObjectDiag(p string, e *notObjectError) *hcl.Diagnostic {
	if looksLikeHCL(e.rest) {
		// Configuration piped after much white space: told as when it
		// comes after a little (notPlanDiag).
		return notPlanDiag(p, e.rest)
	}
	d := *e.head.Diag(planName(p))
	d.Detail += " Expected the output of terraform show -json."
	r := *d.Subject
	r.Start.Column = e.head.Column()
	r.End.Column = r.Start.Column + (r.End.Byte - r.Start.Byte)
	d.Subject = &r
	return &d
}
