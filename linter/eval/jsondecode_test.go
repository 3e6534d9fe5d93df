package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// jsondecode refuses a document nested deeper than MaxNesting (cty decodes
// it in quadratic time and memory: 8,000 levels took 9.5 s and 1.3 GB) and
// is cty's jsondecode otherwise; brackets inside strings do not count.
func TestJSONDecodeDepthBounded(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if _, err := jsonDecodeFunc.Call([]cty.Value{cty.StringVal(deep(8000))}); err == nil || !strings.Contains(err.Error(), "nest more than 1000 levels deep") {
		t.Errorf("8,000 levels: err = %v, want nesting error", err)
	}
	for _, doc := range []string{
		deep(MaxNesting),
		`{"a": "` + deep(5000) + `", "b": [1, {"c": "\"[[["}], "d": "\\"}`,
		`{"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]}`,
		`"x"`, `12`, `null`,
	} {
		got, err := jsonDecodeFunc.Call([]cty.Value{cty.StringVal(doc)})
		want, werr := stdlib.JSONDecodeFunc.Call([]cty.Value{cty.StringVal(doc)})
		if err != nil || werr != nil || !got.RawEquals(want) {
			t.Errorf("%.40q: got %#v, %v; want %#v, %v", doc, got, err, want, werr)
		}
	}
	for _, doc := range []string{`{"a": `, `[1, 2`, `nope`} {
		_, err := jsonDecodeFunc.Call([]cty.Value{cty.StringVal(doc)})
		_, werr := stdlib.JSONDecodeFunc.Call([]cty.Value{cty.StringVal(doc)})
		if (err == nil) != (werr == nil) {
			t.Errorf("%q: err %v, cty's %v", doc, err, werr)
		}
	}
	if v, err := jsonDecodeFunc.Call([]cty.Value{cty.UnknownVal(cty.String)}); err != nil || v.IsKnown() {
		t.Errorf("unknown: %#v, %v", v, err)
	}
}
