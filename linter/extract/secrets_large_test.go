package extract

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestScanSecretsLarge: a source over maxWholeScan bytes (a plan) is
// searched in windows and finds what a search of the whole text finds, at
// the same positions, a credential across a window's edge included (such
// a source was not searched at all: a credential in a plan over 8 MB was
// never reported).
func TestScanSecretsLarge(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("{\"resource_changes\":[\n")
	cred := func() {
		fmt.Fprintf(&b, `{"v":{"AWS_ACCESS_KEY_ID":"AKIAZ7VRSQ2CTJKL4MNP","aws_secret_access_key":"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"}},`+"\n")
	}
	cred()
	filler := []byte(`{"type":"aws_s3_bucket","after":{"bucket":"b","tags":{"é":"x"}}},` + "\n")
	for _, edge := range []int{4 << 20, 8 << 20, 12 << 20} {
		for b.Len()+len(filler) <= edge-40 {
			b.Write(filler)
		}
		b.Write(bytes.Repeat([]byte(" "), edge-40-b.Len()))
		cred() // the key ID starts before the edge, the secret after it
	}
	cred()
	b.WriteString("{}]}\n")
	src := b.Bytes()
	if len(src) <= maxWholeScan {
		t.Fatalf("source of %d bytes, want more than %d", len(src), maxWholeScan)
	}
	got := ScanSecrets("plan.json", src)
	var want []*iam.Secret
	cur := &posCursor{src: src, pos: hcl.InitialPos}
	scanText(src, func(s *iam.Secret, start, end int, value string) {
		s.Range = cur.rng("plan.json", start, end)
		want = append(want, s)
	})
	if len(want) != 10 {
		t.Fatalf("the whole text holds %d credentials, want 10", len(want))
	}
	key := func(s *iam.Secret) string {
		return fmt.Sprintf("%s %s %s %d:%d-%d:%d@%d", s.Kind, s.Prefix, s.Attribute, s.Range.Start.Line, s.Range.Start.Column, s.Range.End.Line, s.Range.End.Column, s.Range.Start.Byte)
	}
	seen := map[string]int{}
	for _, s := range want {
		seen[key(s)]++
	}
	for _, s := range got {
		seen[key(s)]--
	}
	for k, n := range seen {
		if n != 0 {
			t.Errorf("%s: %d more in the whole text's search than in ScanSecrets'", k, n)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].Range.Start.Byte < got[i-1].Range.Start.Byte {
			t.Errorf("credentials not in the order of their offsets: %d after %d", got[i].Range.Start.Byte, got[i-1].Range.Start.Byte)
		}
	}
}
