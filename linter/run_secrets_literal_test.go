package linter

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLiteralSecrets: a string written whole between double quotes with
// the form of a secret access key is masked as a credential found; part of
// a longer string (the end of an ARN), a word, a hex digest or 41
// characters is not.
func TestLiteralSecrets(t *testing.T) {
	sources := map[string][]byte{
		"a.tf": []byte(`variable "k" { default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1" }
policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
sha = "0123456789abcdef0123456789abcdef01234567"
long = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE12"
end = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE3"`),
		"b.json": []byte(`{"s": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1", "t": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4"}`),
	}
	got := literalSecrets(sources, []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4"})
	slices.Sort(got)
	want := []string{
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE3",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("literalSecrets = %q, want %q", got, want)
	}
	// Between escaped quotes: the JSON of a policy in an HCL string, in a
	// .tf.json file or in a plan (once or twice escaped).
	escaped := map[string][]byte{
		"d.tf":      []byte(`policy = "{\"Effect\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE5\"}"`),
		"e.tf.json": []byte(`{"x": "{\\\"k\\\": \\\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE6\\\"}"}`),
		"f.tf":      []byte(`x = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role\""`),
	}
	got = literalSecrets(escaped, nil)
	slices.Sort(got)
	want = []string{
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE5",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE6",
	}
	if !slices.Equal(got, want) {
		t.Errorf("literalSecrets between escaped quotes = %q, want %q", got, want)
	}
	if got := literalSecrets(map[string][]byte{"c.tf": []byte(`x = "ab"`)}, nil); got != nil {
		t.Errorf("literalSecrets without one = %q, want nil", got)
	}
}

// TestQuoted40 compares quoted40, which skips ahead, with a look at every
// quote, on random texts of quotes, backslashes, base64 characters and
// spaces (runs of all lengths, at the start and the end, sharing a quote,
// between escaped quotes).
func TestQuoted40(t *testing.T) {
	naive := func(src []byte) []string {
		var out []string
		for q := 0; q+41 < len(src); q++ {
			if src[q] != '"' || !closingQuote(src, q, q+41) {
				continue
			}
			ok := true
			for _, c := range src[q+1 : q+41] {
				if c == '"' || c == ' ' || c == '\\' {
					ok = false
				}
			}
			if ok {
				out = append(out, string(src[q+1:q+41]))
			}
		}
		return out
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(`aB1/+ "\`)
	for n := 0; n < 3000; n++ {
		src := make([]byte, rng.IntN(200))
		for i := range src {
			if rng.IntN(20) == 0 {
				src[i] = alphabet[5+rng.IntN(3)] // a space, a quote or a backslash, now and then: long runs
			} else {
				src[i] = alphabet[rng.IntN(5)]
			}
		}
		if n%3 == 0 && len(src) >= 42 { // a run of 40 at a random place
			q := rng.IntN(len(src) - 41)
			src[q], src[q+41] = '"', '"'
			for i := q + 1; i <= q+40; i++ {
				src[i] = alphabet[rng.IntN(5)]
			}
			if n%2 == 0 && q > 0 && q+42 < len(src) { // between escaped quotes: \"...\"
				src[q-1], src[q+41], src[q+42] = '\\', '\\', '"'
			}
		}
		var got []string
		quoted40(src, func(v []byte) { got = append(got, string(v)) })
		if want := naive(src); !slices.Equal(got, want) {
			t.Fatalf("quoted40(%q) = %q, want %q", src, got, want)
		}
	}
	var got []string
	src := []byte(`"` + strings.Repeat("a", 40) + `"` + strings.Repeat("B", 40) + `"`)
	quoted40(src, func(v []byte) { got = append(got, string(v)) })
	if len(got) != 2 {
		t.Errorf("two runs sharing a quote: %q", got)
	}
}
