package main

import "io"

// planSniffer passes standard input through, but ends it right after its
// first significant byte when that byte cannot start a plan (a JSON object):
// the plan decoder reports that byte at once instead of reading up to the
// plan size limit first (iamlint - < /dev/zero read 2 GiB, 4.5 GB of memory,
// before saying so; HCL or a binary piped in by mistake likewise).
//
// onEOF, when set, is called once with the size of the input when it has
// all been read (planGC of a piped plan: pipedPlanRead).
type planSniffer struct {
	r      io.Reader
	n      int  // bytes passed so far
	done   bool // the first significant byte was seen and is '{'
	cutoff bool // the stream ends here
	total  int64
	onEOF  func(total int64)
}

func (s *planSniffer) Read(p []byte) (int, error) {
	if s.cutoff {
		return 0, io.EOF
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
		s.cutoff = true
		return i + 1, nil
	}
	s.n += n
	return n, err
}
