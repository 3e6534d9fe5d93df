package main

import (
	"bytes"
	"io"
	"testing"
)

// chunked reads at most the next of its sizes at a time (1 when they are
// used up), sometimes with io.EOF along with the last bytes.
type chunked struct {
	r     *bytes.Reader
	sizes []byte
}

func (c *chunked) Read(p []byte) (int, error) {
	n := 1
	if len(c.sizes) > 0 {
		n, c.sizes = int(c.sizes[0])*37+1, c.sizes[1:]
	}
	n, err := c.r.Read(p[:min(n, len(p))])
	if err == nil && c.r.Len() == 0 && n%2 == 1 {
		err = io.EOF
	}
	return n, err
}

// FuzzPlanSniffer: planSniffer passes standard input through whole when
// its first significant byte (past white space and a byte order mark) is
// '{' or there is none; otherwise it passes the input's first bytes, up to
// that byte and at least sniffHead of them, and ends; whatever the sizes
// of the reads; onEOF is told the size read when a plan (not cut off)
// ends.
func FuzzPlanSniffer(f *testing.F) {
	f.Add([]byte("  {\"format_version\":\"1.2\"}"), []byte{0, 3})
	f.Add([]byte("\xef\xbb\xbf\n{}"), []byte{})
	f.Add(bytes.Repeat([]byte(" "), 5000), []byte{200, 200, 1})
	f.Add(append(bytes.Repeat([]byte("\n"), 4200), "resource"...), []byte{255, 255})
	f.Add(append([]byte("PK\x03\x04"), bytes.Repeat([]byte("x"), 9000)...), []byte{7})
	f.Add([]byte("\xef\xbb{"), []byte{0})
	f.Fuzz(func(t *testing.T, in, sizes []byte) {
		var eofs []int64
		s := &planSniffer{r: &chunked{bytes.NewReader(in), sizes}, onEOF: func(n int64) { eofs = append(eofs, n) }}
		got, err := io.ReadAll(s)
		if err != nil {
			t.Fatal(err)
		}
		bad := -1
		for i, c := range in {
			if c == ' ' || c == '\t' || c == '\r' || c == '\n' || (i < 3 && c == "\xef\xbb\xbf"[i]) {
				continue
			}
			if c != '{' {
				bad = i
			}
			break
		}
		want := len(in)
		if bad >= 0 {
			want = min(len(in), max(sniffHead, bad+1))
		}
		if !bytes.Equal(got, in[:want]) {
			t.Fatalf("passed %d bytes (prefix: %v), want the first %d of %d (significant byte at %d)", len(got), bytes.HasPrefix(in, got), want, len(in), bad)
		}
		if len(eofs) > 1 || (len(eofs) == 1 && eofs[0] != int64(len(in))) {
			t.Fatalf("onEOF told %v, input of %d bytes", eofs, len(in))
		}
		if bad < 0 && len(eofs) != 1 {
			t.Fatalf("input of %d bytes read whole, onEOF told %v", len(in), eofs)
		}
	})
}
