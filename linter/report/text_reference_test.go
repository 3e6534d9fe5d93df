package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// textReference is Text as it was written with fmt, a string per part:
// TestTextLikeReference compares.
func textReference(w io.Writer, res *linter.Result, meta Meta) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !meta.Color {
			return s
		}
		return code + s + ansiReset
	}
	var lines lineIndex
	ascii := map[lineKey]*lineInfo{}
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "%s: %s %s: %s\n", paint(ansiBold, positionReference(f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column)),
			paint(severityColor(f.Severity), f.Severity.String()), f.Rule, Printable(f.Message))
		if lb, ok := lines.lineBytes(res.Sources, f.Range.Filename, f.Range.Start.Line); ok {
			if f.Range.Start.Line == 1 {
				lb = bytes.TrimPrefix(lb, []byte("\ufeff")) // not a column (package textpos)
			}
			line, col := cutLine(lb, f.Range.Start.Column, ascii, lineKey{f.Range.Filename, f.Range.Start.Line})
			line, col = snippet(redactCredentials(line), col)
			fmt.Fprintf(bw, "    %s\n    %s%s\n", line, caretPadReference(line, col), paint(severityColor(f.Severity), "^"))
		}
		for _, r := range f.Related {
			fmt.Fprintf(bw, "    %s\n", paint(ansiDim, fmt.Sprintf("%s: %s", positionReference(r.Range.Filename, r.Range.Start.Line, 0), Printable(r.Message))))
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(bw, "%s: %s: %s\n", paint(ansiBold, positionReference(e.File, e.Line, e.Column)), paint(severityColor(linter.Critical), "error"), Printable(e.Message))
	}
	if err := principalsTable(bw, res); err != nil {
		return err
	}
	fmt.Fprintln(bw, summaryLine(res))
	return bw.Flush()
}

func positionReference(file string, line, col int) string {
	if file == "" {
		file = "iamlint"
	}
	file = Printable(file)
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

func caretPadReference(line string, col int) string {
	if n := min(max(col-1, 0), len(line)); plainASCII(line[:n]) && strings.IndexByte(line[:n], '\t') < 0 {
		return strings.Repeat(" ", n)
	}
	return caretPadRunes(line, col)
}

// TestTextLikeReference: the text report is what it was with fmt, with and
// without colour, for findings with and without a known source line (short,
// long, tabbed, wide, BOM, with a credential), related locations and
// unknown positions.
func TestTextLikeReference(t *testing.T) {
	long := strings.Repeat(`{"a":"b"},`, 200) + `"AKIAIOSFODNN7EXAMPLE"` + strings.Repeat(`,"x"`, 100)
	src := map[string][]byte{
		"a.tf":      []byte("\ufeffresource \"x\" {\n\tpolicy = \"*\"\n  名前 = \"é\\u0001\"\n}\n"),
		"plan.json": []byte(long + "\n" + "short\r\n"),
		"big.json":  []byte(strings.Repeat(`{"Action":"s3:*","x":[1,2]},`, 100) + "\n\t\tx = 1 # tabbed\n" + strings.Repeat("é", 300) + "\n"),
	}
	res := &linter.Result{Sources: src, Summary: linter.Summary{Files: 2}}
	for i, f := range findingVariety() {
		f.Severity = linter.Severity(1 + i%4)
		res.Findings = append(res.Findings, f)
	}
	rng := func(file string, l, c int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: l, Column: c}, End: hcl.Pos{Line: l, Column: c + 1}}
	}
	for _, r := range []hcl.Range{rng("a.tf", 1, 1), rng("a.tf", 1, 3), rng("a.tf", 2, 11), rng("a.tf", 3, 5), rng("a.tf", 3, 99), rng("a.tf", 9, 1),
		rng("plan.json", 1, 2000), rng("plan.json", 1, 2005), rng("big.json", 1, 1), rng("big.json", 1, 100), rng("big.json", 1, 1500),
		rng("big.json", 1, 2799), rng("big.json", 1, 2801), rng("big.json", 1, 5000), rng("big.json", 2, 3), rng("big.json", 2, 8), rng("big.json", 3, 250), rng("plan.json", 1, 5), rng("plan.json", 2, 3), rng("plan.json", 3, 1), rng("plan.json", 0, 1)} {
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.High, Message: "m", Range: r,
			Related: []iam.Related{{Range: rng("main.tf", 4, 2), Message: "module called here"}}})
	}
	res.Errors = []linter.Error{{File: "bad.tf", Line: 3, Column: 18, Message: "x"}, {Message: "y"}}
	textLikeReference(t, res)
}

// textLikeReference checks that Text writes what the serial reference
// writes for res, with colour and without (both written in full when
// short).
func textLikeReference(t *testing.T, res *linter.Result) {
	t.Helper()
	for _, color := range []bool{false, true} {
		var got, want bytes.Buffer
		if err := Text(&got, res, Meta{Color: color}); err != nil {
			t.Fatal(err)
		}
		if err := textReference(&want, res, Meta{Color: color}); err != nil {
			t.Fatal(err)
		}
		switch {
		case got.String() == want.String():
		case want.Len() < 16<<10:
			t.Errorf("color %v: got\n%s\nwant\n%s", color, got.String(), want.String())
		default:
			t.Errorf("color %v: the report differs from the reference", color)
		}
	}
}
