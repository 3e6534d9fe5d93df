package plan

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestHeadDiag: Load's error for a text that is not an object, said from
// its Head before the table of lines is made, is the scanner's error.
func TestHeadDiag(t *testing.T) {
	var texts []string
	for _, ws := range []string{"", " ", "\n", "\r\n", " \t\n\n  \t", "\n\n\n  ", strings.Repeat(" \n", 50) + "\t"} {
		for _, bom := range []string{"", "\xef\xbb\xbf", "\xef\xbb"} {
			for _, next := range []string{"", "x", "[1]", "\"s\"", "\x00", "\xff", "\xc3\xa9", "}", "PK\x03\x04", "\xef\xbb\xbf{}"} {
				texts = append(texts, bom+ws+next)
			}
		}
	}
	for _, src := range texts {
		h := HeadOf([]byte(src))
		if !h.NotObject() {
			continue
		}
		headFirst = false
		_, want := Load("<stdin>", []byte(src), Options{SkipBefore: true})
		headFirst = true
		_, got := Load("<stdin>", []byte(src), Options{SkipBefore: true})
		if len(want) != 1 || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v %+v, want %v %+v", src, got, got[0].Subject, want, want[0].Subject)
		}
	}
	if h := HeadOf([]byte(" \n {}")); h.NotObject() {
		t.Error("an object is not an object")
	}
}

// TestLoadNewlinesBounded: a text of newlines (not a plan) is refused from
// its Head: Load made a table of one int a line first (200 MB of newlines:
// 1.8 GB). Here 1 MB of them and an x: less than 100 KB allocated (8.4 MB
// before).
func TestLoadNewlinesBounded(t *testing.T) {
	src := []byte(strings.Repeat("\n", 1<<20) + "x")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, diags := Load("-", src, Options{SkipBefore: true})
	runtime.ReadMemStats(&after)
	if len(diags) != 1 || !strings.Contains(diags[0].Detail, "unexpected character 'x', expected an object at byte offset 1048576 (line 1048577, column 1)") {
		t.Fatalf("%v", diags)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 100<<10 {
		t.Errorf("Load allocated %d bytes", n)
	}
}
