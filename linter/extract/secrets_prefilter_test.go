package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// hasSecretKeyName is a safe prefilter: when it says no, neither secret
// regexp finds anything.
func TestHasSecretKeyName(t *testing.T) {
	for src, want := range map[string]bool{
		`secret_key = "x"`:                          true,
		`AWS_SECRET_ACCESS_KEY=abc`:                 true,
		`SecretKey: 1`:                              true,
		`variable "secretaccesskey" {}`:             true,
		`"Action": "secretsmanager:GetSecretValue"`: false,
		`secret_name = "db"`:                        false,
		"ſecret_key = 1":                            true,
		"secret_\u212aey = 1":                       true,
		`secre`:                                     false,
		`secret_`:                                   false,
		`aws_secret = "x"`:                          true,
		`export AWS_SECRET=x`:                       true,
		`AwsSecret: x`:                              true,
		`aws_secrets_bucket = "x"`:                  true,
		`client_secret = "x"`:                       false,
	} {
		if got := hasSecretKeyName([]byte(src)); got != want {
			t.Errorf("hasSecretKeyName(%q) = %v, want %v", src, got, want)
		}
	}
}

func FuzzHasSecretKeyName(f *testing.F) {
	for _, s := range []string{
		`aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"`,
		"variable \"aws_secret_key\" {\n  default = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1\"\n}",
		`secretsmanager:GetSecretValue`,
		"ſecret_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1",
		`AWS_SECRET="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1"`,
		"variable \"deploy_aws_secret\" {\n  default = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1\"\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if hasSecretKeyName([]byte(s)) {
			return
		}
		if m := secretAssignRE.FindStringIndex(s); m != nil {
			t.Fatalf("secretAssignRE matches %q in %q, prefilter said no", s[m[0]:m[1]], s)
		}
		for _, m := range secretVarRE.FindAllStringSubmatch(s, -1) {
			if secretNameRE.MatchString(m[1]) {
				t.Fatalf("secretVarRE finds variable %q in %q, prefilter said no", m[1], s)
			}
		}
	})
}

// indexFold finds what trying the word at every byte (hasFoldAt) finds:
// every match, in order, from any start, in texts of random case near the
// word's letters (matches across the 8-byte steps of its loop, at the ends,
// overlapping), and for words of every length.
func TestIndexFoldSameAsLoop(t *testing.T) {
	loop := func(src []byte, w string, from int) int {
		for i := max(from, 0); i+len(w) <= len(src); i++ {
			if hasFoldAt(src, i, w) {
				return i
			}
		}
		return -1
	}
	rng := rand.New(rand.NewPCG(7, 13))
	alphabet := []byte("secrtSECRT_ -\x00\xff\xc5\xbfk1")
	for _, w := range []string{"secret", "key", "access", "aws", "s", "se", "", "secretsecret"} {
		for n := range 400 {
			src := make([]byte, rng.IntN(n+1))
			for i := range src {
				src[i] = alphabet[rng.IntN(len(alphabet))]
			}
			if len(src) > len(w) && rng.IntN(2) == 0 {
				at := rng.IntN(len(src) - len(w) + 1)
				for k := range len(w) {
					src[at+k] = w[k] &^ byte(rng.IntN(2)*0x20)
				}
			}
			for from := -1; from <= len(src)+1; from++ {
				got, want := indexFold(src, w, from), loop(src, w, from)
				if from > len(src) {
					want = -1
				}
				if got != want {
					t.Fatalf("indexFold(%q, %q, %d) = %d, want %d", src, w, from, got, want)
				}
			}
		}
	}
	if !containsFold([]byte("x SeCrEt"), "secret") || indexFold([]byte("x SeCrEt"), "secret", 0) != 2 {
		t.Fatal("SeCrEt not found")
	}
}

// TestIndexFold compares indexFold with trying the word at every place
// from the given one, on random texts over the word's letters in both
// cases (and the bytes a letter |0x20 is not), for words of one to eight
// letters and every start.
func TestIndexFold(t *testing.T) {
	naive := func(src []byte, w string, from int) int {
		for i := max(from, 0); i+len(w) <= len(src); i++ {
			if hasFoldAt(src, i, w) {
				return i
			}
		}
		return -1
	}
	r := rand.New(rand.NewPCG(3, 4))
	const letters = "secrtSECRT_ \x03\x05"
	for _, w := range []string{"secret", "s", "se", "sec", "secre", "cr", "access_k", "a1"} {
		for range 3000 {
			src := make([]byte, r.IntN(40))
			for i := range src {
				src[i] = letters[r.IntN(len(letters))]
			}
			if r.IntN(3) == 0 && len(src) >= len(w) {
				at := r.IntN(len(src) - len(w) + 1)
				for k := range len(w) {
					src[at+k] = w[k] &^ byte(r.IntN(2)*0x20)
				}
			}
			for from := -1; from <= len(src)+1; from++ {
				if got, want := indexFold(src, w, from), naive(src, w, from); got != want {
					t.Fatalf("indexFold(%q, %q, %d) = %d, want %d", src, w, from, got, want)
				}
			}
		}
	}
}

// TestPrefilterScans compares hasKeyPrefix, hasUnicodeEscape and
// hasUnicodeEscapeBytes with the searches they stand for, on random texts
// over the bytes that matter.
func TestPrefilterScans(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const letters = `AKSIiakus\U_`
	for range 100000 {
		src := make([]byte, r.IntN(24))
		for i := range src {
			src[i] = letters[r.IntN(len(letters))]
		}
		s := string(src)
		if got, want := hasKeyPrefix(src), strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA"); got != want {
			t.Fatalf("hasKeyPrefix(%q) = %v, want %v", s, got, want)
		}
		want := strings.Contains(s, `\u`) || strings.Contains(s, `\U`)
		if got := hasUnicodeEscape(s); got != want {
			t.Fatalf("hasUnicodeEscape(%q) = %v, want %v", s, got, want)
		}
		if got := hasUnicodeEscapeBytes(src); got != want {
			t.Fatalf("hasUnicodeEscapeBytes(%q) = %v, want %v", s, got, want)
		}
	}
}
