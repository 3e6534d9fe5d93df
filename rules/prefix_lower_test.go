package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// hasPrefixLower answers as strings.HasPrefix(strings.ToLower(s),
// strings.ToLower(head)+tail) on random strings of ASCII and of runes that
// lower-case to another length (Ⱥ: 2 bytes -> 3, K Kelvin sign: 3 -> 1),
// and invalid UTF-8.
func TestHasPrefixLowerMatchesToLower(t *testing.T) {
	alphabet := []string{"a", "A", "s", "S", ":", "/", "$", "{", "*", "Ⱥ", "ⱥ", "\u212A", "k", "K", "\xff", "é", "É"}
	r := rand.New(rand.NewPCG(1, 2))
	word := func(max int) string {
		var b strings.Builder
		for range r.IntN(max + 1) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	cases := [][3]string{{"", "", ""}, {"secret:${SecretId}", "secret:", "${"}, {"Secret:${x}", "SECRET:", "${"},
		{"secret:", "secret:", "${"}, {"table/${T}", "table/", "${"}, {"ⱥ:${", "Ⱥ:", "${"}, {"k:${", "\u212A:", "${"}}
	for range 20000 {
		cases = append(cases, [3]string{word(6), word(4), []string{"", "${", "$"}[r.IntN(3)]})
		if h := word(4); r.IntN(2) == 0 {
			cases = append(cases, [3]string{h + word(3), h, "${"}, [3]string{strings.ToUpper(h) + "${" + word(2), h, "${"})
		}
	}
	for _, c := range cases {
		s, head, tail := c[0], c[1], c[2]
		want := strings.HasPrefix(strings.ToLower(s), strings.ToLower(head)+tail)
		if got := hasPrefixLower(s, head, tail); got != want {
			t.Fatalf("hasPrefixLower(%q, %q, %q) = %v, want %v", s, head, tail, got, want)
		}
	}
}
