package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitColonLikeSplitN(t *testing.T) {
	for _, s := range []string{"", ":", "::", "arn", "arn:aws", "arn:aws:s3:::b", "arn:aws:s3:::b:c:d:e", "a:b:c:d:e:f:g", ":::::::"} {
		for n := 1; n <= 6; n++ {
			a := splitColon(s, n)
			if got, want := a.f[:a.k], strings.SplitN(s, ":", n); !slices.Equal(got, want) {
				t.Errorf("splitColon(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
