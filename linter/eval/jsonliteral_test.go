package eval

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/hashicorp/hcl/v2"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// TestJSONLiteralSameAsTemplate: jsonLiteral's verbatim value, when it
// takes it, is the value hcl gives evaluating the strings as templates; and
// it takes it for plain values (the fast path of generic for .tf.json).
func TestJSONLiteralSameAsTemplate(t *testing.T) {
	expr := func(src string) hcl.Expression {
		t.Helper()
		f, diags := hcljson.Parse([]byte(`{"a": `+src+`}`), "x.tf.json")
		if diags.HasErrors() {
			t.Fatalf("%s: %s", src, diags.Error())
		}
		attrs, diags := f.Body.JustAttributes()
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		return attrs["a"].Expr
	}
	check := func(src string) bool {
		t.Helper()
		x := expr(src)
		v, ok := jsonLiteral(x)
		want, diags := x.Value(&hcl.EvalContext{Variables: map[string]cty.Value{}})
		if ok && (diags.HasErrors() || !v.RawEquals(want)) {
			t.Errorf("%s: literal %#v, as templates %#v (%s)", src, v, want, diags.Error())
		}
		return ok
	}
	for _, src := range []string{`"abc"`, `"a b\tc\nd"`, `["x", 1, true, null, {"k": "v"}]`, `{"Statement": [{"Effect": "Allow"}]}`, `1.5e3`, `""`, `"$"`, `"%"`, `"{}"`, `"a$"`} {
		if !check(src) {
			t.Errorf("%s: not taken as a literal", src)
		}
	}
	for _, src := range []string{`"${a}"`, `"$${a}"`, `"%{if true}x%{endif}"`, `"%%{x}"`, `{"${k}": 1}`, `"é"`, `"a\r\nb"`, `"\u0000"`, `["ok", "${x.y}"]`, `["${x.y}", "ok"]`, `{"k": "${x.y}", "z": "ok"}`, `[["${x.y}"], "ok"]`} {
		if check(src) {
			t.Errorf("%s: taken as a literal", src)
		}
	}
	// Random strings over the characters that matter to templates.
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("ab$%{}\\\"\n\t\r é~\x7f\x01")
	for i := 0; i < 20000; i++ {
		rs := make([]rune, r.Intn(8))
		for j := range rs {
			rs[j] = alphabet[r.Intn(len(alphabet))]
		}
		b, _ := json.Marshal(string(rs))
		check(string(b))
		check(`{` + string(b) + `: "v"}`)
	}
}
