package extract

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// secretAssignMatches finds what secretAssignRE over the whole text finds:
// on hand-made texts, random mixes of the pieces a match is made of, and
// the files of ../shared/corpus (when present).
func TestSecretAssignMatchesRegexp(t *testing.T) {
	key := "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	texts := []string{
		"", "secret", "aws_secret_access_key = \"" + key + "\"\n",
		"AWS_SECRET=" + key + " aws_secret_key: '" + key + "'",
		"awsaws_secretsecret_key=" + key + key,
		"x_secret_key = \"" + key + "\"\nsecret_key=" + key + "\n",
		"SecretAccessKey : " + key, "aws_secret_access_key=" + key + "=",
		"aws_\u017fecret_key=" + key, "\u212a secret_key=" + key,
	}
	pieces := []string{"aws", "AWS", "_", "secret", "SECRET", "Secret", "access", "_key", "key", "KEY", "=", ":", " ", "\"", "'", "\n", key, key[:20], "x", "/", "="}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(4) == 0 {
				b.WriteString(pieces[r.IntN(3)] + "_secret_key=" + key)
			}
		}
		texts = append(texts, b.String())
	}
	_ = filepath.WalkDir(filepath.Join("..", "..", "..", "shared", "corpus"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".json")) {
			if b, err := os.ReadFile(p); err == nil && len(b) < 4<<20 {
				texts = append(texts, string(b))
			}
		}
		return nil
	})
	found := 0
	for _, text := range texts {
		want := secretAssignRE.FindAllStringSubmatchIndex(text, -1)
		got := secretAssignMatches([]byte(text), text)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("no match in any text")
	}
	t.Logf("%d texts, %d matches", len(texts), found)
}
