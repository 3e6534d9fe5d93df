package eval

import "testing"

// TestJSONMembersOwnNames: in a .tf.json object, two members whose values
// are the same reference ("${local.a}", the local's own node) each keep
// the range of their own key.
func TestJSONMembersOwnNames(t *testing.T) {
	src := `{
  "locals": {
    "a": "abc"
  },
  "resource": {
    "aws_iam_user": {
      "u": {
        "name": "x",
        "tags": {"k1": "${local.a}", "k2": "${local.a}"}
      }
    }
  }
}
`
	mods, diags := evalJSONFile(t, src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tags := mods[0].Blocks[0].Body.Attr("tags")
	k1, k2 := tags.Attr("k1"), tags.Attr("k2")
	if k1 == nil || k2 == nil {
		t.Fatalf("members %v", tags.Keys)
	}
	if got := k1.NameRange(); got.Start.Line != 9 || got.Start.Column != 18 {
		t.Errorf("k1: name range %v, want main.tf.json:9,18", got)
	}
	if got := k2.NameRange(); got.Start.Line != 9 || got.Start.Column != 38 {
		t.Errorf("k2: name range %v, want main.tf.json:9,38", got)
	}
	if v := k1.Val.AsString() + k2.Val.AsString(); v != "abcabc" {
		t.Errorf("values %q", v)
	}
}
