package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
)

func TestLineIndex(t *testing.T) {
	src := map[string][]byte{"a": []byte("one\r\ntwo\n\nfour"), "b": []byte("x\n"), "d": []byte("only"), "e": []byte("\r\n\nlast\r\r")}
	var ix lineIndex
	for _, c := range []struct {
		name string
		n    int
		want string
		ok   bool
	}{
		{"a", 1, "one", true}, {"a", 2, "two", true}, {"a", 3, "", true}, {"a", 4, "four", true}, {"a", 5, "", false},
		{"a", 0, "", false}, {"b", 1, "x", true}, {"b", 2, "", true}, {"b", 3, "", false}, {"c", 1, "", false},
		{"d", 1, "only", true}, {"d", 2, "", false}, {"e", 1, "", true}, {"e", 2, "", true}, {"e", 3, "last", true},
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
	start := cputime.Used() // CPU time of the process: wall time on a shared machine says little
	var out bytes.Buffer
	if err := Text(&out, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if el := cputime.Used() - start; el > 60*time.Second {
		t.Errorf("text report of 20k findings in a 100k-line file took %v", el)
	}
	if !strings.Contains(out.String(), "    line 99999\n") {
		t.Error("source line not quoted")
	}
}

// BenchmarkTextOneLinePlan: the text report of many findings on one line of
// a big file (terraform show -json writes a plan on one line): each quoted
// line was found by scanning from its start to the next newline, the rest
// of the file, per finding (a 5 MB one-line plan with 5,000 findings: 0.8 s
// against 0.3 s for the same plan on many lines; 50 MB: about a minute).
func BenchmarkTextOneLinePlan(b *testing.B) {
	const size, findings = 8 << 20, 4000 // bytes (about), findings
	src := bytes.Repeat([]byte(`{"k":"v"},`), size/10)
	res := &linter.Result{Sources: map[string][]byte{"plan.json": src}}
	for i := range findings {
		col := 1 + i*(size/findings)
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.Low, Message: "m",
			Range: hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: col}, End: hcl.Pos{Line: 1, Column: col + 1}}})
	}
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Text(&out, res, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}
