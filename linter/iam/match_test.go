package iam

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
)

func TestMatchWildcard(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"s3:Get*", "s3:GetObject", true},
		{"s3:Get*", "s3:PutObject", false},
		{"s3:*Object*", "s3:GetObjectAcl", true},
		{"s3:*Object", "s3:GetObjectAcl", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"a?c", "aéc", true}, // ? is one character, not one byte
		{"*a*b*c*", "xxaxxbxxcxx", true},
		{"*a*b*c*", "xxaxxcxxbxx", false},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::123:role/x/y", true},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::123:user/x", false},
		{"ab", "AB", false}, // case-sensitive
		{"**", "x", true},
		{"*?", "", false},
		{strings.Repeat("*a", 30) + "b", strings.Repeat("a", 200), false}, // no exponential blow-up
	}
	for _, tc := range tests {
		if got := MatchWildcard(tc.p, tc.s); got != tc.want {
			t.Errorf("MatchWildcard(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
	if !MatchAction("S3:get*", "s3:GetObject") || !MatchAction("iam:passrole", "iam:PassRole") || MatchAction("iam:Pass?", "iam:PassRole") {
		t.Error("MatchAction is case-insensitive")
	}
	if MatchARN("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x") || !MatchARN("arn:aws:s3:::b/*", "arn:aws:s3:::b/x") {
		t.Error("MatchARN is case-sensitive")
	}
}

func TestActionHelpers(t *testing.T) {
	for _, tc := range []struct{ a, svc, name string }{
		{"s3:GetObject", "s3", "GetObject"},
		{"*", "", "*"},
		{"a:b:c", "a", "b:c"},
	} {
		if s, n := SplitAction(tc.a); s != tc.svc || n != tc.name {
			t.Errorf("SplitAction(%q) = %q, %q", tc.a, s, n)
		}
	}
	k := func(s string) Value { return KnownValue(s, hcl.Range{}) }
	for _, tc := range []struct {
		v    Value
		full bool
		svc  string
	}{
		{k("*"), true, ""},
		{k("*:*"), true, ""},
		{k("s3:*"), false, "s3"},
		{k("IAM:*"), false, "iam"},
		{k("s3:Get*"), false, ""},
		{k("s*:*"), false, ""},
		{k(":*"), false, ""},
		{k("s3"), false, ""},
		{UnknownValue(hcl.Range{}), false, ""},
		{Value{Text: "*"}, false, ""}, // unknown is never a wildcard
	} {
		if got := IsFullWildcardAction(tc.v); got != tc.full {
			t.Errorf("IsFullWildcardAction(%+v) = %v", tc.v, got)
		}
		svc, ok := ServiceWildcard(tc.v)
		if svc != tc.svc || ok != (tc.svc != "") {
			t.Errorf("ServiceWildcard(%+v) = %q, %v", tc.v, svc, ok)
		}
	}
}

// TestMatchLongPatternLinear: a pattern without '?' and a text both long
// (a NotResource of "*" and 500,000 a's then b, against a Resource of
// 1,000,000 a's, which deny.go compares) is matched in linear time: the
// direct walk retried the text after the star at each mismatch (2.5·10^11
// steps). The pieces' matching gives the walk's answers.
func TestMatchLongPatternLinear(t *testing.T) {
	long := strings.Repeat("a", 1000000)
	start := cputime.Used() // CPU time of the process: wall time on a shared machine says little
	if MatchARN("*"+strings.Repeat("a", 500000)+"b", long) || !MatchARN("*"+strings.Repeat("a", 500000), long) ||
		!MatchARN(strings.Repeat("a", 500000)+"*", long) || MatchARN("b*"+strings.Repeat("a", 500000), long) ||
		!MatchAction("*"+strings.Repeat("A", 500000), long) {
		t.Error("wrong answer")
	}
	if d := cputime.Used() - start; d > 60*time.Second {
		t.Errorf("took %v", d)
	}
	// Against the walk, on patterns and texts from a small alphabet long
	// enough to take the pieces' way.
	r := rand.New(rand.NewPCG(1, 2))
	word := func(n int, alphabet []rune) string {
		b := make([]rune, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 1000 {
		p := word(1+r.IntN(12), []rune("ab*Bé"))
		s := word(globDirect/len(p)+1+r.IntN(50), []rune("abBÉé"))
		if r.IntN(2) == 0 {
			s = strings.ReplaceAll(p, "*", word(r.IntN(3), []rune("abBé"))) // often a match
			for len(p)*len(s) <= globDirect {
				s = "a" + s
				p = "*" + p
			}
		}
		for _, fold := range []bool{false, true} {
			if got, want := glob(p, s, fold), globWalk(p, s, fold); got != want {
				t.Fatalf("glob(%q, %q, %v) = %v, the walk says %v", p, s, fold, got, want)
			}
		}
	}
}
