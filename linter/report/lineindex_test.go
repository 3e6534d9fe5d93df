package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

func TestLineIndex(t *testing.T) {
	src := map[string][]byte{"a": []byte("one\r\ntwo\n\nfour"), "b": []byte("x\n")}
	ix := lineIndex{}
	for _, c := range []struct {
		name string
		n    int
		want string
		ok   bool
	}{
		{"a", 1, "one", true}, {"a", 2, "two", true}, {"a", 3, "", true}, {"a", 4, "four", true}, {"a", 5, "", false},
		{"a", 0, "", false}, {"b", 1, "x", true}, {"b", 2, "", true}, {"b", 3, "", false}, {"c", 1, "", false},
	} {
		got, ok := ix.line(src, c.name, c.n)
		if got != c.want || ok != c.ok {
			t.Errorf("line(%s, %d) = %q %v, want %q %v", c.name, c.n, got, ok, c.want, c.ok)
		}
	}
}

// TestTextManyFindingsOneBigFile: quoting the source line of each of many
// findings in one big file is linear (it was a scan from the top of the file
// per finding: minutes for a 50 MB plan).
func TestTextManyFindingsOneBigFile(t *testing.T) {
	const lines = 100000
	var b strings.Builder
	for i := range lines {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	res := &linter.Result{Sources: map[string][]byte{"big.json": []byte(b.String())}}
	for i := 0; i < 20000; i++ {
		line := lines - i
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.Low, Message: "m",
			Range: hcl.Range{Filename: "big.json", Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 2}}})
	}
	start := time.Now()
	var out bytes.Buffer
	if err := Text(&out, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("text report of 20k findings in a 100k-line file took %v", el)
	}
	if !strings.Contains(out.String(), "    line 99999\n") {
		t.Error("source line not quoted")
	}
}
