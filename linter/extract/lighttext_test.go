package extract

import (
	"testing"
	"unsafe"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestLightPolicyOwnsText checks that a policy text a light body keeps (the
// json of a data document, or every text when byJSON is nil) has memory of
// its own: the stream may have decoded it in memory reused once its chunk
// is read (plan.Plan.StreamHeld).
func TestLightPolicyOwnsText(t *testing.T) {
	const text = `{"Version":"2012-10-17","Statement":[]}`
	for _, byJSON := range []map[string]*eval.Block{{text: {Address: "data.aws_iam_policy_document.d"}}, nil} {
		mem := []byte(text)
		n := &eval.Node{Val: cty.StringVal(unsafe.String(&mem[0], len(mem)))}
		body := &eval.Node{Val: cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("p"), "policy": n.Val})}
		body.SetAttrs([]string{"policy"}, []*eval.Node{n})
		light := lightBody("aws_iam_policy", body, byJSON)
		for i := range mem {
			mem[i] = 'x' // the stream's memory, reused
		}
		if got := light.Get("policy"); got == nil || got.Val.AsString() != text {
			t.Errorf("byJSON %v: light policy %#v, want %q", byJSON, got, text)
		}
	}
}
