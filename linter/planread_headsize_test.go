package linter

import (
	"errors"
	"strings"
	"testing"
)

// TestFileHeadSize: fileHead reads what the file holds, whatever size its
// stat said: a file that shrank since is told from what is left (a byte
// that is not '{', or white space only: the error at its end, as Load's),
// one that grew is read on (nil: readFileStart reads past the size), and
// an empty file, a byte order mark and CRLF line ends are read as Load
// reads them.
func TestFileHeadSize(t *testing.T) {
	for _, c := range []struct {
		text string
		size int64
		want string // "nil", "start" (notObjectStartError) or "space" (notObjectError)
		off  int    // the offset of the notObjectError
	}{
		{"   [", 1000, "start", 0},
		{"  ", 1000, "space", 2},
		{"\r\n\r\n", 1000, "space", 4},
		{"  [", 2, "nil", 0},
		{"", 0, "nil", 0},
		{"", 10, "space", 0},
		{"{", 1, "nil", 0},
		{"\xef\xbb\xbf\r\n{\r\n\"a\"", 11, "nil", 0},
		{"\xef\xbb\xbf\r\n{\r\nx", 9, "start", 0},
		{"\xef\xbb\xbf\r\n{\r\nx", 8, "nil", 0}, // grew past "{\r\n": read on
		{"\xef\xbb\xbf\r\n[", 6, "start", 0},
	} {
		err := fileHead(strings.NewReader(c.text), c.size)
		var start *notObjectStartError
		var noe *notObjectError
		got := "nil"
		switch {
		case errors.As(err, &start):
			got = "start"
			if string(start.src) != c.text {
				t.Errorf("%q (size %d): src %q", c.text, c.size, start.src)
			}
		case errors.As(err, &noe):
			got = "space"
			if noe.head.Off != c.off || noe.head.HasNext {
				t.Errorf("%q (size %d): head %+v, want white space to %d", c.text, c.size, noe.head, c.off)
			}
		case err != nil:
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%q (size %d): %s, want %s", c.text, c.size, got, c.want)
		}
	}
}
