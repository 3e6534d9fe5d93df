package iam

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
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
