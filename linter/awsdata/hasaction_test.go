package awsdata

import (
	"strings"
	"testing"
)

// TestHasActionLikeLookup: HasAction answers what LookupAction does, for
// every action in several spellings, typos, odd prefixes and non-ASCII.
func TestHasActionLikeLookup(t *testing.T) {
	names := []string{"", ":", "s3", "s3:", ":GetObject", "S3:GETOBJECT", "s3:getobject", "s3:GetObjectz", "s3:GetObjec",
		"s3:GetObject:x", "s3:Get*", "ſ3:GetObject", "s3:GetObjéct", "iam:PassRole", "IAM:passrole", "nope:PassRole",
		strings.Repeat("x", 40) + ":GetObject", "s3:" + strings.Repeat("a", 300), "s3:GetObject "}
	for _, a := range Actions() {
		names = append(names, a.FullName(), strings.ToUpper(a.FullName()), a.FullName()+"x", a.FullName()[:len(a.FullName())-1])
	}
	for _, n := range names {
		_, want := LookupAction(n)
		if got := HasAction(n); got != want {
			t.Errorf("HasAction(%q) = %v, LookupAction found %v", n, got, want)
		}
	}
}
