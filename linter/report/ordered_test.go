package report

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestWriteOrderedInOrder: the chunks formatted on several goroutines are
// written in element order, each element once, for lengths around the
// chunk size.
func TestWriteOrderedInOrder(t *testing.T) {
	for _, n := range []int{0, 1, listChunk - 1, listChunk, listChunk + 1, 2 * listChunk, 7*listChunk + 5} {
		var got bytes.Buffer
		err := writeOrdered(&got, n, func(b []byte, from, to, _ int) []byte {
			for i := from; i < to; i++ {
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, '\n')
			}
			return b
		})
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		for i := range n {
			fmt.Fprintln(&want, i)
		}
		if got.String() != want.String() {
			t.Errorf("n=%d: elements written out of order or lost", n)
		}
	}
}

// TestWriteOrderedStopsOnError: after a failed write, the error is
// returned and the workers format no more than the chunks they were
// already ahead with (each worker at most listDepth+1), not the rest.
func TestWriteOrderedStopsOnError(t *testing.T) {
	const chunks = 200
	var formatted atomic.Int32
	err := writeOrdered(&failWriter{n: 1}, chunks*listChunk, func(b []byte, from, to, _ int) []byte {
		formatted.Add(1)
		return append(b, strings.Repeat("x", to-from)...)
	})
	if err == nil {
		t.Fatal("no error from a failing writer")
	}
	if n := formatted.Load(); int(n) > runtime.GOMAXPROCS(0)*(listDepth+1)+1 {
		t.Errorf("%d of %d chunks formatted after the first write failed", n, chunks)
	}
}

// TestTextManyFindingsLikeReference: a text report of findings in many
// chunks, the files' findings crossing the chunks' edges (the workers share
// the line index and each cuts lines into its own cache), is what the
// serial reference writes.
func TestTextManyFindingsLikeReference(t *testing.T) {
	src := map[string][]byte{}
	res := &linter.Result{Sources: src}
	for f := range 9 {
		name := fmt.Sprintf("f%d.tf", f)
		var s strings.Builder
		for l := range 400 {
			fmt.Fprintf(&s, "  line_%d = \"%s\" # é\n", l, strings.Repeat("x", l%50))
		}
		src[name] = []byte(s.String())
		for i := range 250 {
			l := 1 + (i*7)%400
			res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.Severity(1 + i%4), Message: fmt.Sprint("m ", i),
				Range:   hcl.Range{Filename: name, Start: hcl.Pos{Line: l, Column: 3 + i%20}, End: hcl.Pos{Line: l, Column: 30}},
				Related: []iam.Related{{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 4}}, Message: "module called here"}}})
		}
	}
	if len(res.Findings) < 5*listChunk {
		t.Fatalf("%d findings: fewer chunks than meant", len(res.Findings))
	}
	textLikeReference(t, res)
	if err := Text(&failWriter{n: 100 << 10}, res, Meta{}); err == nil {
		t.Error("no error from a failing writer")
	}
}

// BenchmarkTextFileManyFindings writes the text report of 100,000
// findings, each quoting its source line, to a file.
func BenchmarkTextFileManyFindings(b *testing.B) {
	src := map[string][]byte{}
	res := &linter.Result{Sources: src}
	for f := range 400 {
		name := fmt.Sprintf("roots/r%d/main.tf", f)
		var s strings.Builder
		for l := range 300 {
			fmt.Fprintf(&s, "    actions = [\"s3:GetObject\", \"s3:PutObject%d\"] # %s\n", l, strings.Repeat("x", l%40))
		}
		src[name] = []byte(s.String())
		for i := range 250 {
			l := 1 + i
			res.Findings = append(res.Findings, linter.Finding{Rule: "wildcard-action", Severity: linter.Severity(1 + i%4),
				Message: fmt.Sprintf("Statement %d of the policy allows every action of service s3 (s3:*).", i),
				Range:   hcl.Range{Filename: name, Start: hcl.Pos{Line: l, Column: 16}, End: hcl.Pos{Line: l, Column: 30}},
				Related: []iam.Related{{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 4}}, Message: "module called here"}}})
		}
	}
	benchWriteFile(b, func(w io.Writer) error { return Text(w, res, Meta{}) })
}
