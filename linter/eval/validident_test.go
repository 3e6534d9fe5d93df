package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestValidIdentMatchesHCL: the byte loop answers as hclsyntax.ValidIdentifier.
func TestValidIdentMatchesHCL(t *testing.T) {
	for _, s := range []string{"", "a", "_", "-", "a-b_c9", "9a", "a.b", "q\x00y", "a b", "aws_iam_policy", "é", "aé", "a\u00a0", "A", "x-", "_1", "a/b", "a\n"} {
		if got, want := validIdent(s), hclsyntax.ValidIdentifier(s); got != want {
			t.Errorf("validIdent(%q) = %v, hclsyntax.ValidIdentifier = %v", s, got, want)
		}
	}
}
