package eval

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// evalJSONFile evaluates src as the only file (main.tf.json) of a root
// module.
func evalJSONFile(t *testing.T, src string) ([]*Module, hcl.Diagnostics) {
	t.Helper()
	f, diags := hcljson.Parse([]byte(src), "main.tf.json")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, diags := NewConfig(".", []*hcl.File{f})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return Evaluate(cfg, nil, &Options{Sources: map[string][]byte{"main.tf.json": []byte(src)}})
}

// TestJSONTemplateColumnAfterLongText: a reference after 10,000 characters
// of two bytes each in a .tf.json string is located at its column, counted
// in characters (past the marks).
func TestJSONTemplateColumnAfterLongText(t *testing.T) {
	prefix := `{"resource": {"aws_iam_user": {"u": {"name": "`
	src := prefix + strings.Repeat("é", 10_000) + `${local.nope}"}}}}`
	_, diags := evalJSONFile(t, src)
	want := len(prefix) + 1 + 10_000 + 2 // the "local" after "${"
	for _, d := range diags {
		if d.Subject != nil && strings.Contains(d.Summary, "undeclared local") {
			if d.Subject.Start.Line != 1 || d.Subject.Start.Column != want {
				t.Errorf("located at %v, want 1:%d", d.Subject.Start, want)
			}
			return
		}
	}
	t.Fatalf("no diagnostic about local.nope: %v", diags)
}

// TestJSONPosMapRunesTo: the column of a position in a long .tf.json
// string, counted from the marks, is the count of characters from the
// string's start (utf8.RuneCount), for positions asked in any order,
// through multi-byte characters, invalid bytes and a character cut by the
// position.
func TestJSONPosMapRunesTo(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"a": "`)
	for i := 0; b.Len() < 5*colStep; i++ {
		switch i % 5 {
		case 0:
			b.WriteString("${1}")
		case 1:
			b.WriteString("é")
		case 2:
			b.WriteString("\U0001F600")
		case 3:
			b.WriteString("\xff")
		default:
			b.WriteString("\xe2\x82") // a cut character
		}
	}
	b.WriteString(`"}`)
	src := []byte(b.String())
	start := hcl.Pos{Line: 1, Column: 8, Byte: 7}
	m := &jsonPosMap{src: src, start: start}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		at := start.Byte + r.IntN(len(src)-start.Byte+1)
		if got, want := m.runesTo(at), utf8.RuneCount(src[start.Byte:at]); got != want {
			t.Fatalf("runesTo(%d) = %d, want %d", at, got, want)
		}
	}
	if len(m.marks) < 4 {
		t.Errorf("%d marks, want the string marked every %d bytes", len(m.marks), colStep)
	}
}

// TestJSONTemplateManyInterpolationsLinear: a .tf.json string of 100,000
// interpolations evaluates in time that grows with it, not with its
// square: each of its positions counted its characters from the string's
// start (1.1 s for 40,000, 4.5 s for 80,000, more than 60 s for 400,000).
// Four times the interpolations take about four times as long, not
// sixteen (the bound, eight times, holds on a slow or loaded machine;
// before, twelve to sixteen). The marks that make it linear are checked
// without a clock by the test above; this one is the end-to-end guard.
func TestJSONTemplateManyInterpolationsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("about 1 s")
	}
	timed := func(n int) time.Duration {
		src := `{"resource": {"aws_iam_user": {"u": {"name": "` + strings.Repeat("${1}", n) + `"}}}}`
		t0 := time.Now()
		mods, diags := evalJSONFile(t, src)
		el := time.Since(t0)
		if diags.HasErrors() {
			t.Fatalf("diagnostics: %v", diags)
		}
		if v := mods[0].Blocks[0].Body.Attr("name").Val; !v.IsKnown() || len(v.AsString()) != n {
			t.Errorf("name %#v, want %d ones", v, n)
		}
		return el
	}
	// The fastest of three runs of each size: a loaded machine slows
	// single runs by several times, at random.
	best := func(n int) time.Duration {
		d := timed(n)
		for range 2 {
			d = min(d, timed(n))
		}
		return d
	}
	small, big := best(25_000), best(100_000)
	t.Logf("25,000: %v; 100,000: %v", small, big)
	if big > time.Second && big > 8*small {
		t.Errorf("100,000 interpolations took %v, 25,000 %v: more than eight times as long", big, small)
	}
}

// TestCountJSONTemplateTokens: the strings of a JSON file that are
// templates once decoded (an escaped "$" too) count their template's
// tokens; other strings, keys and values count none; the count stops past
// the limit at the string that passes it.
func TestCountJSONTemplateTokens(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{`{"a": "plain", "b": 1, "c": ["$", "%", "{}"]}`, 0},
		{`{"a": "${1}"}`, 3},
		{`{"a": "\u0024{1}"}`, 3},
		{`{"${1}": "x"}`, 3}, // a key may hold one too (a block label's)
		{`{"a": "$${1}"}`, 1},
		{`{"a": "x\"${1}\""}`, 5},
	} {
		n, at := CountJSONTemplateTokens([]byte(c.src), 0)
		if n != c.want || at != -1 {
			t.Errorf("%s: %d tokens at %d, want %d at -1", c.src, n, at, c.want)
		}
	}
	src := `{"a": "${1}", "b": "` + strings.Repeat("${1}", 10) + `", "c": "${1}"}`
	if n, at := CountJSONTemplateTokens([]byte(src), 20); n <= 20 || at != strings.Index(src, `"${1}${1}`) {
		t.Errorf("limit 20: %d tokens at %d, want more than 20 at the second string (%d)", n, at, strings.Index(src, `"${1}${1}`))
	}
}
