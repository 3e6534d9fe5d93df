package main

import (
	"errors"
	"io"
	"os"
)

// sniffHead is how much of an input that is not a plan planSniffer passes:
// enough for notPlanHint to tell a saved plan (iamlint - < tfplan), a
// UTF-16 plan or HCL (cat main.tf | iamlint -) from other bytes. It passed
// the first byte only, and they were all "invalid plan JSON: unexpected
// character 'P'" (or byte 0xff, or 'r').
const sniffHead = 4096

// planSniffer passes standard input through, but ends it after its first
// sniffHead bytes when its first significant byte cannot start a plan (a
// JSON object): the plan decoder reports that byte at once instead of
// reading up to the plan size limit first (iamlint - < /dev/zero read 2 GiB,
// 4.5 GB of memory, before saying so; HCL or a binary piped in by mistake
// likewise). The bytes up to sniffHead tell what the input is instead.
//
// onEOF, when set, is called once with the size of the input when it has
// all been read (planGC of a piped plan: pipedPlanRead).
type planSniffer struct {
	r      io.Reader
	n      int  // bytes passed so far
	done   bool // the first significant byte was seen and is '{'
	bad    bool // it was seen and is not: the input ends after sniffHead bytes
	cutoff bool // the stream ends here
	total  int64
	onEOF  func(total int64)
}

// Stat is the standard input's (an *os.File's), for the linter to tell a
// plan named and also redirected to standard input (iamlint plan.json - <
// plan.json) as one plan; an error when it cannot be told.
func (s *planSniffer) Stat() (os.FileInfo, error) {
	if f, ok := s.r.(interface{ Stat() (os.FileInfo, error) }); ok {
		return f.Stat()
	}
	return nil, errors.ErrUnsupported
}

func (s *planSniffer) Read(p []byte) (int, error) {
	if s.cutoff {
		return 0, io.EOF
	}
	if s.bad && len(p) > sniffHead-s.n {
		p = p[:sniffHead-s.n]
	}
	n, err := s.r.Read(p)
	s.total += int64(n)
	if err == io.EOF && s.onEOF != nil {
		s.onEOF(s.total)
		s.onEOF = nil
	}
	if s.done {
		return n, err
	}
	if s.bad {
		s.n += n
		if s.n >= sniffHead {
			s.cutoff = true
		}
		return n, err
	}
	for i := 0; i < n; i++ {
		c := p[i]
		off := s.n + i
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case off < 3 && c == "\xef\xbb\xbf"[off]:
			continue // a UTF-8 byte order mark (PowerShell pipes add one)
		case c == '{':
			s.done = true
			s.n += n
			return n, err
		}
		// Not a plan: its first sniffHead bytes are passed, for what it
		// is told to be (notPlanHint: a saved plan's zip header, a UTF-16
		// byte order mark, HCL), then it ends.
		s.bad = true
		if keep := max(i+1, min(n, sniffHead-s.n)); keep < n {
			s.n += keep
			s.cutoff = true
			return keep, nil
		}
		break
	}
	s.n += n
	if s.bad && s.n >= sniffHead {
		s.cutoff = true
	}
	return n, err
}
