package iam

import (
	"fmt"
	"strings"
	"testing"
)

// TestFastManyKeysOnce: objects of many keys (Condition operators and keys,
// principal types) are read on the fast path when their keys are distinct,
// and left to the general way (which says what is wrong) when one is given
// twice, however far apart; an object after a big one at the same depth
// starts with no keys. The same documents as the general way's, always.
func TestFastManyKeysOnce(t *testing.T) {
	keys := func(prefix string, n int, dup int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			k := i
			if i == n-1 && dup >= 0 {
				k = dup
			}
			fmt.Fprintf(&b, `"%s%d": "v"`, prefix, k)
		}
		return b.String()
	}
	for _, c := range []struct {
		src  string
		fast bool
	}{
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 500, -1) + `}}}]}`, true},
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 500, 3) + `}}}]}`, false},
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 33, 0) + `}}}]}`, false},
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 32, 0) + `}}}]}`, false},
		// Two big objects at one depth, the second with the first's keys.
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 40, -1) + `}, "StringLike": {` + keys("aws:k", 40, -1) + `}}}]}`, true},
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 40, -1) + `}, "StringLike": {` + keys("aws:k", 40, 39) + `}}}]}`, true},
		{`{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 40, -1) + `}, "StringLike": {` + keys("aws:k", 40, 7) + `}}}]}`, false},
		// A statement after one whose big object bailed... and many operators.
		{`{"Statement": [{"Condition": {` + strings.ReplaceAll(keys("StringEqualsIfExists", 40, -1), `"v"`, `{"a": "b"}`) + `}}]}`, true},
		{`{"Statement": [{"Condition": {` + strings.ReplaceAll(keys("StringEqualsIfExists", 40, 12), `"v"`, `{"a": "b"}`) + `}}]}`, false},
		{`{"Statement": [{"Principal": {` + keys("T", 60, -1) + `}}]}`, true},
		{`{"Statement": [{"Principal": {` + keys("T", 60, 59-1) + `}}]}`, false},
		{`{"Statement": [{"Principal": {` + keys("T", 60, -1) + `}}, {"Principal": {` + keys("T", 60, -1) + `}}]}`, true},
	} {
		if got := checkFast(t, c.src, FileMapper("f.json", []byte(c.src))); got != c.fast {
			t.Errorf("%.120s...: fast path %v, want %v", c.src, got, c.fast)
		}
	}
	// The pooled scratch after a bail: the next document is read afresh.
	for i := 0; i < 3; i++ {
		src := `{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 40, 5) + `}}}]}`
		checkFast(t, src, FileMapper("f.json", []byte(src)))
		ok := `{"Statement": [{"Condition": {"StringEquals": {` + keys("aws:k", 40, -1) + `}}}]}`
		if !checkFast(t, ok, FileMapper("f.json", []byte(ok))) {
			t.Errorf("a document after a bail is not read on the fast path")
		}
	}
}
