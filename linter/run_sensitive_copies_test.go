package linter

import (
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestEnclosingString: the string a finding's start is in, found from the
// nearest unescaped quote before it (escaped quotes and backslashes of a
// policy text inside), none for an offset between strings.
func TestEnclosingString(t *testing.T) {
	src := `{"a":"x\"y\\","policy":"{\"Action\":\"s3:Get\\\\\"}","n":12}`
	for _, c := range []struct {
		at   string // the text the offset starts
		want string // the string found, "" none
	}{
		{`\"Action`, `"{\"Action\":\"s3:Get\\\\\"}"`},
		{`s3:Get`, `"{\"Action\":\"s3:Get\\\\\"}"`},
		{`"{\"Action`, `"{\"Action\":\"s3:Get\\\\\"}"`},
		{`y\\`, `"x\"y\\"`},
		{`12}`, ``},
		{`:12`, ``},
	} {
		i := strings.Index(src, c.at)
		q, e, ok := enclosingString([]byte(src), i)
		got := ""
		if ok {
			got = src[q:e]
		}
		if got != c.want {
			t.Errorf("at %q: got %q, want %q", c.at, got, c.want)
		}
	}
}

// TestHiddenCopies: of findings in a copy of a sensitive string (escaped
// as JSON writes it), in another string and between strings, only the
// first are hidden, and the copy's range is returned; nearSecrets finds
// the string inside another near a finding.
func TestHiddenCopies(t *testing.T) {
	secret := `{"Action":"s3:GetTokQ9"}`
	src := `{"p":"{\"Action\":\"s3:GetTokQ9\"}","q":"{\"Action\":\"s3:Put\"}","n":1,` + "\n" +
		`"r":"arn:aws:s3:::{\"Action\":\"s3:GetTokQ9\"}x"}` + "\n" + `"s":"{\"Action\":\"s3:GetTokQ9\"}"`
	x := newSecretIndex(map[string]bool{secret: true}, nil)
	if x == nil {
		t.Fatal("no index")
	}
	at := func(s string) hcl.Range {
		i := strings.Index(src, s)
		return hcl.Range{Filename: "plan.json", Start: hcl.Pos{Byte: i}, End: hcl.Pos{Byte: i + 1}}
	}
	fs := []Finding{
		{Rule: "a", Range: at(`s3:GetTokQ9`)},
		{Rule: "b", Range: at(`s3:Put`)},
		{Rule: "c", Range: at(`1,`)},
		{Rule: "d", Range: at(`\"Action\":\"s3:GetTokQ9`)},
	}
	hide, ranges := hiddenCopies(fs, "plan.json", len(src), func(a, b int) []byte { return []byte(src[a:b]) }, x)
	var rules []string
	for _, i := range hide {
		rules = append(rules, fs[i].Rule)
	}
	sort.Strings(rules)
	if strings.Join(rules, ",") != "a,d" || len(ranges) != 1 {
		t.Fatalf("hidden %v, ranges %v", rules, ranges)
	}
	if got := src[ranges[0][0]:ranges[0][1]]; got != `"{\"Action\":\"s3:GetTokQ9\"}"` {
		t.Errorf("range %q", got)
	}
	near := nearSecrets([]Finding{{Range: at(`arn:aws`)}}, "plan.json", []byte(src), x)
	want := strings.Index(src, `{\"Action\":\"s3:GetTokQ9\"}x`)
	found := false
	for _, r := range near {
		found = found || r == [2]int{want, want + len(`{\"Action\":\"s3:GetTokQ9\"}`)}
	}
	if !found {
		t.Errorf("near %v: not [%d, ...]", near, want)
	}
}
