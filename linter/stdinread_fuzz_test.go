package linter

import (
	"bytes"
	"errors"
	"math/rand"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/linter/plan"
)

// FuzzReadStdin is TestReadStdinSame for any input and any sizes of the
// pieces it comes in: with keepSpace at 8 bytes, readStdin gives the input
// itself when its white space at the start is within keepSpace; past it,
// white space of the same size, lines and last line followed by the same
// bytes, or (nothing or no '{' after the white space) the error
// notPlanDiag makes of the whole input; past the limit, errPlanTooLarge.
func FuzzReadStdin(f *testing.F) {
	for _, s := range []string{"", "{}", "   \n\t{\"a\":1}", "\xef\xbb\xbf          \n   {}", "\r\n\r\n\r\n\r\n\r\n x", "\xef\xbb\xbf\xef\xbb\xbf{", "                 "} {
		f.Add([]byte(s), int64(1), uint16(1000))
	}
	defer func(n int) { keepSpace = n }(keepSpace)
	keepSpace = 8
	f.Fuzz(func(t *testing.T, text []byte, seed int64, limit uint16) {
		got, err := readStdin(&trickle{bytes.NewReader(text), rand.New(rand.NewSource(seed))}, int64(limit))
		wh := plan.HeadOf(text)
		var noe *notObjectError
		switch {
		case errors.Is(err, errPlanTooLarge):
			if len(text) <= int(limit) {
				t.Fatalf("%q (%d bytes): too large for %d", text, len(text), limit)
			}
		case errors.As(err, &noe):
			// Told at the first byte past the white space, however long
			// the input is after it.
			if want := notPlanDiag("-", text); !reflect.DeepEqual(notObjectDiag("-", noe), want) {
				t.Fatalf("%q: %+v %+v, want %+v %+v", text, notObjectDiag("-", noe), notObjectDiag("-", noe).Subject, want, want.Subject)
			}
			if wh.Off <= keepSpace {
				t.Fatalf("%q: not an object, from %d bytes of white space", text, wh.Off)
			}
		case len(text) > int(limit):
			t.Fatalf("%q (%d bytes) read over the limit %d: %q, %v", text, len(text), limit, got, err)
		case err != nil:
			t.Fatalf("%q: %v", text, err)
		case wh.Off <= keepSpace:
			if !bytes.Equal(got, text) {
				t.Fatalf("%q: read %q", text, got)
			}
		default:
			h := plan.HeadOf(got)
			if h != wh || len(got) != len(text) || !bytes.Equal(got[h.LineOff:], text[wh.LineOff:]) {
				t.Fatalf("%q: read %q (%+v, want %+v)", text, got, h, wh)
			}
		}
	})
}
