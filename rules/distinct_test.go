package rules

import (
	"fmt"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

func known(texts ...string) []iam.Value {
	var vs []iam.Value
	for _, t := range texts {
		vs = append(vs, iam.Value{Text: t, Known: true})
	}
	return vs
}

func TestAppendListDistinct(t *testing.T) {
	unknown := iam.Value{}
	for _, c := range []struct {
		vs   []iam.Value
		want string
	}{
		{known("iam:PassRole", "iam:PassRole", "s3:PutObject"), `"iam:PassRole", "s3:PutObject"`},
		{known("a", "b", "a", "c", "b", "d", "e"), `"a", "b", "c", and 2 more`},
		{known("iam:PassRole", "iam:passrole"), `"iam:PassRole", "iam:passrole"`}, // written differently: both shown
		{append(known("a"), unknown, unknown), `"a", (known after apply), (known after apply)`},
	} {
		got := string(appendList(nil, c.vs))
		if got != c.want {
			t.Errorf("appendList(%v) = %s, want %s", c.vs, got, c.want)
		}
	}
	// The map path (over 16 values) keeps the first of each text, in order.
	var texts []string
	for i := range 40 {
		texts = append(texts, fmt.Sprintf("s:A%d", i%10))
	}
	got := distinctKnown(known(texts...))
	if len(got) != 10 {
		t.Fatalf("distinctKnown of 40 values, 10 distinct: %d", len(got))
	}
	for i, v := range got {
		if v.Text != fmt.Sprintf("s:A%d", i) {
			t.Errorf("value %d = %s", i, v.Text)
		}
	}
	// No repeat: the same slice back, not a copy.
	vs := known("x", "y")
	if d := distinctKnown(vs); &d[0] != &vs[0] {
		t.Error("distinctKnown copied a list without repeats")
	}
}
