package baseline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

func f(rule, file string, line int, fp string) linter.Finding {
	return linter.Finding{Rule: rule, Message: rule + " msg", Resource: "aws_iam_policy.p", Fingerprint: fp,
		Range: hcl.Range{Filename: file, Start: hcl.Pos{Line: line}}}
}

func TestRoundTrip(t *testing.T) {
	findings := []linter.Finding{
		f("wildcard-resource", "b.tf", 3, "fp2"),
		f("wildcard-action", "a.tf", 9, "fp1"),
		f("wildcard-action", "a.tf", 12, "fp1"), // same fingerprint twice
		f("user-access-key", "a.tf", 1, ""),     // no fingerprint: not recorded
	}
	var buf bytes.Buffer
	if err := Write(&buf, findings); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "tool": "iamlint",
  "findings": [
    {
      "fingerprint": "fp1",
      "rule": "wildcard-action",
      "resource": "aws_iam_policy.p",
      "file": "a.tf",
      "message": "wildcard-action msg"
    },
    {
      "fingerprint": "fp1",
      "rule": "wildcard-action",
      "resource": "aws_iam_policy.p",
      "file": "a.tf",
      "message": "wildcard-action msg"
    },
    {
      "fingerprint": "fp2",
      "rule": "wildcard-resource",
      "resource": "aws_iam_policy.p",
      "file": "b.tf",
      "message": "wildcard-resource msg"
    }
  ]
}
`
	if buf.String() != want {
		t.Fatalf("got\n%s", buf.String())
	}
	b, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3 {
		t.Fatal(b.Len())
	}
	// Lines moved (fingerprints the same), one new finding, one extra copy of fp1.
	now := []linter.Finding{
		f("wildcard-action", "a.tf", 20, "fp1"),
		f("wildcard-action", "a.tf", 25, "fp1"),
		f("wildcard-action", "a.tf", 30, "fp1"),
		f("wildcard-resource", "b.tf", 40, "fp2"),
		f("passrole-wildcard", "c.tf", 1, "fp3"),
		f("user-access-key", "a.tf", 1, ""),
	}
	fresh, known := b.Filter(now)
	if len(known) != 3 || len(fresh) != 3 {
		t.Fatalf("fresh %v known %v", fresh, known)
	}
	if fresh[0].Range.Start.Line != 30 || fresh[1].Fingerprint != "fp3" || fresh[2].Fingerprint != "" {
		t.Errorf("fresh: %+v", fresh)
	}
	for _, k := range known {
		if k.Suppression == nil || k.Suppression.Kind != "baseline" {
			t.Errorf("known without suppression: %+v", k)
		}
	}
	if now[0].Suppression != nil {
		t.Error("Filter changed its input")
	}
	var nb *Baseline
	if fr, kn := nb.Filter(now); len(fr) != 6 || len(kn) != 0 {
		t.Error("nil baseline")
	}
}

func TestEmptyAndErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil); err != nil || !strings.Contains(buf.String(), `"findings": []`) {
		t.Fatalf("%v %s", err, buf.String())
	}
	for _, bad := range []string{
		``,
		`{"version": 2, "tool": "iamlint", "findings": []}`,
		`{"version": 1, "findings": [{"rule": "x"}]}`,
		`{"version": 1, "findings": [], "extra": true}`,
		`[1,2]`,
	} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) accepted", bad)
		}
	}
}

// endless is a reader that never ends: the same byte for ever.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// TestReadEndless: a baseline that never ends (white space or a string
// read from a pipe for ever, /dev/zero) is an error at maxSize bytes, not
// a read that takes all the memory.
func TestReadEndless(t *testing.T) {
	defer func(n int64) { maxSize = n }(maxSize)
	maxSize = 1 << 20
	for name, r := range map[string]io.Reader{
		"space":  endless(' '),
		"string": io.MultiReader(strings.NewReader(`{"version": 1, "findings": [{"fingerprint": "`), endless('a')),
	} {
		_, err := Read(r)
		if err == nil || !strings.Contains(err.Error(), "more than 1048576 bytes") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReadReport: a report given as a baseline is a *ReportError saying
// which; JSON that merely resembles one keeps the decoding error.
func TestReadReport(t *testing.T) {
	for in, want := range map[string]string{
		`{"version": 1, "tool": {"name": "iamlint", "version": "0.1.0"}, "findings": []}`: "an iamlint JSON report (--format json)",
		`{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0"`: "a SARIF report",
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other"}}}]}`:         "a SARIF report",
		`{"version": 1, "tool": {"name": "other"}, "findings": []}`:                       "",
		`{"version": 1, "tool": "iamlint", "findings": [], "extra": 1}`:                   "",
		`{"findings": [], "tool": {"name": "iaml`:                                         "",
	} {
		_, err := Read(strings.NewReader(in))
		var re *ReportError
		switch {
		case err == nil:
			t.Errorf("Read(%s) accepted", in)
		case want == "" && errors.As(err, &re):
			t.Errorf("Read(%s) = %v, want no ReportError", in, err)
		case want != "" && (!errors.As(err, &re) || re.Kind != want):
			t.Errorf("Read(%s) = %v, want ReportError %q", in, err, want)
		}
	}
}

// FuzzRead: a baseline may come from the scanned repository (a committed
// .iamlint-baseline.json): Read must not panic, and returns a baseline or
// an error, never both nor neither; the same baseline or error as
// encoding/json's Decoder did (sameAsLegacy).
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"version": 1, "tool": "iamlint", "findings": []}`))
	f.Add([]byte(`{"tool": {"name": "iamlint"}, "findings": [], "summary": {}}`))
	f.Add([]byte(`{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": []}`))
	f.Add([]byte(`{"version": 1, "findings": [{"fingerprint": ""}]}`))
	f.Add([]byte(`[[[[`))
	f.Fuzz(func(t *testing.T, src []byte) {
		b, err := Read(bytes.NewReader(src))
		if (b == nil) == (err == nil) {
			t.Fatalf("Read = %v, %v: want a baseline or an error", b, err)
		}
		sameAsLegacy(t, src)
	})
}

// TestFilterModuleAlone: a finding of a module linted alone (aws_iam_policy.p)
// matches the finding recorded for its called instance (module.m.aws_iam_policy.p)
// when the rule, file and message are the same, and not otherwise; the
// instances recorded under several calls stand for one run of the module.
func TestFilterModuleAlone(t *testing.T) {
	e := func(rule, file, res, msg string) Entry {
		return Entry{Fingerprint: "fp-" + res + "-" + msg, Rule: rule, Resource: res, File: file, Message: msg}
	}
	b := New([]Entry{
		e("wildcard-action", "m/q.tf", "module.m.aws_iam_policy.q", "all"),
		e("wildcard-action", "m/q.tf", `module.a["x.y"].module.inner.aws_iam_policy.q`, "all"),
		e("wildcard-action", "m/q.tf", "module.m[0].aws_iam_policy.r", "all"),
		e("wildcard-resource", "m/q.tf", "aws_iam_policy.s", "res"), // no module: fingerprint only
		e("wildcard-action", "m/q.tf", "module.m.aws_iam_policy.t", "all"),
	})
	g := func(rule, file, res, msg string) linter.Finding {
		return linter.Finding{Rule: rule, Message: msg, Resource: res, Fingerprint: "new-" + res + msg, Range: hcl.Range{Filename: file}}
	}
	now := []linter.Finding{
		g("wildcard-action", "m/q.tf", "aws_iam_policy.q", "all"),                                                     // known: module.m and module.a's instance
		g("wildcard-action", "m/q.tf", "aws_iam_policy.q", "all"),                                                     // new: a second statement
		g("wildcard-action", "m/q.tf", "module.inner.aws_iam_policy.q", "all"),                                        // known: from module a's directory
		g("wildcard-action", "m/q.tf", "aws_iam_policy.r", "all"),                                                     // known: instance key of the call
		g("wildcard-action", "m/q.tf", "aws_iam_policy.t", "other"),                                                   // new: another message
		g("wildcard-action", "m/other.tf", "aws_iam_policy.t", "all"),                                                 // new: another file
		g("wildcard-resource", "m/q.tf", "aws_iam_policy.t", "all"),                                                   // new: another rule
		g("wildcard-resource", "m/q.tf", "s", "res"),                                                                  // new: not a module's
		{Rule: "wildcard-action", Message: "all", Resource: "aws_iam_policy.t", Range: hcl.Range{Filename: "m/q.tf"}}, // no fingerprint: new
		g("wildcard-action", "m/q.tf", "module.m.aws_iam_policy.t", "all"),                                            // known by its fingerprint (set below)
	}
	now[len(now)-1].Fingerprint = "fp-module.m.aws_iam_policy.t-all"
	fresh, known := b.Filter(now)
	var got []string
	for _, k := range known {
		got = append(got, k.Resource+"/"+k.Message)
	}
	want := []string{"aws_iam_policy.q/all", "module.inner.aws_iam_policy.q/all", "aws_iam_policy.r/all", "module.m.aws_iam_policy.t/all"}
	if strings.Join(got, " ") != strings.Join(want, " ") || len(fresh) != len(now)-len(want) {
		t.Errorf("known %q, want %q (%d fresh)", got, want, len(fresh))
	}
}

func TestModuleCuts(t *testing.T) {
	for addr, want := range map[string]string{
		"aws_iam_policy.p":                                 "",
		"module.m.aws_iam_policy.p":                        "aws_iam_policy.p",
		`module.a["k.x]"].module.b[0].aws_iam_policy.p[1]`: `module.b[0].aws_iam_policy.p[1]|aws_iam_policy.p[1]`,
		`module.a["\"].x"].data.aws_iam_policy_document.d`: "data.aws_iam_policy_document.d",
		"module.m":    "",
		"module.m.":   "",
		`module.m["x`: "",
	} {
		var got []string
		for _, c := range moduleCuts(addr) {
			got = append(got, addr[c:])
		}
		if strings.Join(got, "|") != want {
			t.Errorf("moduleCuts(%q): %q, want %q", addr, got, want)
		}
	}
}

const trailingMsg = "unexpected data after the baseline's JSON value (a baseline file holds one JSON object; write it with --write-baseline FILE)"

// TestReadMessages: a document that is not of a baseline's shape is told in
// the words of the file format (which member, what it should be, what it
// is), at the start of the value or member at fault; no Go type names and
// no encoding/json wording. A long member name or number is elided.
func TestReadMessages(t *testing.T) {
	long := strings.Repeat("k", 300)
	for _, tc := range []struct {
		src  string
		want string
		off  int64
	}{
		{`[]`, `not an iamlint baseline: expected a JSON object with "version" and "findings", found an array (write one with --write-baseline FILE)`, 0},
		{` "x"`, `not an iamlint baseline: expected a JSON object with "version" and "findings", found a string (write one with --write-baseline FILE)`, 1},
		{`{"version": 1, "findings": {}}`, `"findings" should be an array of findings (objects), found an object`, 27},
		{`{"version": 1, "findings": "x"}`, `"findings" should be an array of findings (objects), found a string`, 27},
		{`{"version": "1"}`, `"version" should be the number 1, found a string`, 12},
		{`{"version": 1e400}`, `"version" should be the number 1, found the number 1e400`, 12},
		{`{"version": ` + strings.Repeat("9", 100) + `}`, `"version" should be the number 1, found the number ` + strings.Repeat("9", 40) + `…`, 12},
		{`{"version": 1, "tool": false}`, `"tool" should be a string ("iamlint"), found a boolean`, 23},
		{`{"version": 1, "findings": [{"fingerprint": "a"}, {"fingerprint": "b"}, []]}`, `finding 3 in "findings" should be an object, found an array`, 72},
		{`{"version": 1, "findings": [{"fingerprint": "a", "message": 3}]}`, `"message" of finding 1 should be a string, found a number`, 60},
		{`{"version": 1, "extra": 1}`, `unknown member "extra" (a baseline has "version", "tool" and "findings")`, 15},
		{`{"version": 1, "` + long + `": 1}`, `unknown member "` + strings.Repeat("k", 40) + `…" (a baseline has "version", "tool" and "findings")`, 15},
		{`{"version": 1, "findings": [{}, {"x": 1}]}`, `unknown member "x" in finding 2 (a finding has "fingerprint", "rule", "resource", "file" and "message")`, 33},
		// The first error is told, in the order of the document.
		{`{"findings": 1, "version": "x"}`, `"findings" should be an array of findings (objects), found a number`, 13},
		{`{"version": 1, "findings": [x]}`, `not valid JSON: invalid character 'x' looking for beginning of value`, 28},
		{"\xef\xbb\xbf[]", `not an iamlint baseline: expected a JSON object with "version" and "findings", found an array (write one with --write-baseline FILE)`, 3},
		// Data after the value (it was ignored: the first of two
		// baselines concatenated was read), at its first byte; after the
		// value's own errors.
		{`{"version": 1, "findings": []} x`, trailingMsg, 31},
		{"{\"version\": 1, \"findings\": []}\n\n  {\"version\": 1, \"findings\": []}\n", trailingMsg, 34},
		{`{"version": 1, "findings": []}}`, trailingMsg, 30},
		{"\xef\xbb\xbf{\"version\": 1}\t,", trailingMsg, 18},
		{`{"version": "1"} x`, `"version" should be the number 1, found a string`, 12},
		{`{"version": 1, "findings": [x]} y`, `not valid JSON: invalid character 'x' looking for beginning of value`, 28},
	} {
		_, err := Read(strings.NewReader(tc.src))
		var oe *OffsetError
		if !errors.As(err, &oe) {
			t.Errorf("Read(%.40q) = %v, want an *OffsetError", tc.src, err)
			continue
		}
		if got := oe.Message(); got != tc.want || oe.Offset != tc.off {
			t.Errorf("Read(%.40q): %q at %d\nwant %q at %d", tc.src, got, oe.Offset, tc.want, tc.off)
		}
		if want := "baseline: " + tc.want + fmt.Sprintf(" (byte offset %d)", tc.off); err.Error() != want {
			t.Errorf("Read(%.40q).Error() = %q, want %q", tc.src, err, want)
		}
		if strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "baseline.") || strings.Contains(err.Error(), "json:") {
			t.Errorf("Read(%.40q): %q speaks of Go or encoding/json", tc.src, err)
		}
	}
	for _, src := range []string{`{}`, `{"findings": []}`, `{"tool": "iamlint"}`, `{} x`} {
		if _, err := Read(strings.NewReader(src)); err == nil || err.Error() != `baseline: no "version": not a baseline iamlint wrote (write one with --write-baseline FILE)` {
			t.Errorf("Read(%q) = %v", src, err)
		}
	}
}
