package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestSARIFStreamSameBytes: the streamed log is byte for byte what one
// indenting Encoder writes for the whole log (decoded and encoded again),
// with few and with many results (encoded a chunk per CPU at a time).
func TestSARIFStreamSameBytes(t *testing.T) {
	// (No invalid UTF-8: decoding turns it into U+FFFD, encoded as itself.)
	odd := "a <b> & \"c\" \\ \u2028 \u00e9 \x01 tab\t\n"
	many := ciResult()
	for i := range 5*listChunk + 3 {
		f := linter.Finding{Rule: "wildcard-action", Severity: linter.Severity(1 + i%4), Message: fmt.Sprintf("finding %d %s", i, odd),
			Resource: fmt.Sprintf("aws_iam_policy.p[%d]", i), PolicyKind: iam.Identity, Fingerprint: fmt.Sprint(i),
			Range: hcl.Range{Filename: "dir/plan.json", Start: hcl.Pos{Line: 1, Column: i + 1}, End: hcl.Pos{Line: 1, Column: i + 9}}}
		if i%3 == 0 {
			f.Related = []iam.Related{{Range: rng("a b.tf", 1, 2, 3, 4), Message: odd}, {Range: rng("c.tf", 5, 0, 0, 0)}}
		}
		if i%5 == 0 {
			f.Suppression = &linter.Suppression{Kind: "config", Reason: odd}
			many.Suppressed = append(many.Suppressed, f)
			continue
		}
		many.Findings = append(many.Findings, f)
	}
	for name, res := range map[string]*linter.Result{"nil": nil, "empty": {}, "ci": ciResult(), "many": many, "stdin": stdinResult()} {
		for _, opts := range []Options{{ToolVersion: "0.3.0"}, {ToolVersion: "v1.2.3-rc.1", SrcRootURI: "file:///home/ci/repo/"}} {
			var got bytes.Buffer
			if err := WriteSARIF(&got, res, ciRules(), opts); err != nil {
				t.Fatal(err)
			}
			var log sarifLog
			if err := json.Unmarshal(got.Bytes(), &log); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(log); err != nil {
				t.Fatal(err)
			}
			if g, w := got.Bytes(), want.Bytes(); !bytes.Equal(g, w) {
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				lo := max(i-300, 0)
				t.Errorf("%s: streamed log differs at byte %d\ngot:\n%s\nwant:\n%s", name, i, g[lo:min(i+200, len(g))], w[lo:min(i+200, len(w))])
			}
		}
	}
}
