package linter

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/plan"
)

// TestReadStdinSame: standard input with more white space at its start
// than readStdin keeps gives what it gave when all of it was read (the
// error notPlanDiag made of the whole text, or the text itself, white space
// and all, in size, lines and last line), through pieces of any size.
func TestReadStdinSame(t *testing.T) {
	defer func(n int) { keepSpace = n }(keepSpace)
	keepSpace = 8
	rnd := rand.New(rand.NewSource(1))
	var texts []string
	for _, ws := range []string{"", "  ", strings.Repeat(" ", 20), "\n", strings.Repeat("\t\n", 20), strings.Repeat(" ", 30) + "\n" + strings.Repeat(" \t", 3),
		"\n\n" + strings.Repeat("\t", 30), strings.Repeat("\r\n", 9) + "   "} {
		for _, bom := range []string{"", "\xef\xbb\xbf"} {
			for _, next := range []string{"", "x", "[]", "\xff", "\xc3\xa9", "}", "\xef\xbb\xbf{}", `{"format_version": "1.2"}`} {
				texts = append(texts, bom+ws+next)
			}
		}
	}
	for _, text := range texts {
		for range 3 {
			got, err := readStdin(&trickle{strings.NewReader(text), rnd}, 1<<20)
			var noe *notObjectError
			switch {
			case errors.As(err, &noe):
				if want := notPlanDiag("-", []byte(text)); !reflect.DeepEqual(notObjectDiag("-", noe), want) {
					t.Errorf("%q: %+v %+v, want %+v %+v", text, notObjectDiag("-", noe), notObjectDiag("-", noe).Subject, want, want.Subject)
				}
			case err != nil:
				t.Errorf("%q: %v", text, err)
			case plan.HeadOf([]byte(text)).Off <= keepSpace:
				if string(got) != text {
					t.Errorf("%q: read %q", text, got)
				}
			default:
				h, wh := plan.HeadOf(got), plan.HeadOf([]byte(text))
				if h != wh || len(got) != len(text) || !bytes.Equal(got[h.LineOff:], []byte(text)[wh.LineOff:]) {
					t.Errorf("%q: read %q (%+v, want %+v)", text, got, h, wh)
				}
			}
		}
	}
}

// TestReadStdinSpaceBounded: white space piped in (here 64 MB) is counted,
// not held: "empty input" after less than 8 MB allocated (keepSpace, 1 MB,
// kept as it came, then dropped; before, 64 MB of chunks and as much to
// join them); and white space followed by
// something other than an object is not read on (here, an endless input).
func TestReadStdinSpaceBounded(t *testing.T) {
	const n = 64 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := readPlanInput("-", io.LimitReader(byteReader('\n'), n))
	runtime.ReadMemStats(&after)
	var noe *notObjectError
	if !errors.As(err, &noe) || noe.head.Off != n || noe.head.HasNext {
		t.Fatalf("err %v", err)
	}
	if d := notObjectDiag("-", noe); !strings.Contains(d.Detail, "empty input, expected a JSON object at byte offset 67108864 (line 67108865, column 1) of <stdin>") {
		t.Errorf("%s", d.Detail)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 8<<20 {
		t.Errorf("allocated %d bytes reading %d bytes of white space", got, n)
	}
	_, err = readPlanInput("-", io.MultiReader(io.LimitReader(byteReader(' '), n), strings.NewReader("x"), byteReader('y')))
	if !errors.As(err, &noe) || noe.head.Next != 'x' || noe.head.Off != n {
		t.Errorf("err %v", err)
	}
}
