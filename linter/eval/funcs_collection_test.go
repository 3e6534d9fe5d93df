package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestMatchkeysLarge: matchkeys over 40,000 string keys and a searchset of
// 40,000 is a lookup per key (it compared each key with each element: 1.6e9
// comparisons, minutes), and gives the values whose key is in the set, in
// order; keys that are not strings and too many to compare pairwise are an
// error, not a hang.
func TestMatchkeysLarge(t *testing.T) {
	const n = 40000
	vals := make([]cty.Value, n)
	keys := make([]cty.Value, n)
	search := make([]cty.Value, 0, n)
	for i := range n {
		vals[i] = cty.StringVal(fmt.Sprintf("v%d", i))
		keys[i] = cty.StringVal(fmt.Sprintf("k%d", i))
		if i%3 == 0 {
			search = append(search, cty.StringVal(fmt.Sprintf("k%d", i)))
		}
	}
	for i := range n - len(search) {
		search = append(search, cty.StringVal(fmt.Sprintf("other%d", i)))
	}
	got, err := matchkeysFunc.Call([]cty.Value{cty.ListVal(vals), cty.ListVal(keys), cty.ListVal(search)})
	if err != nil {
		t.Fatal(err)
	}
	if got.LengthInt() != (n+2)/3 {
		t.Fatalf("%d values, want %d", got.LengthInt(), (n+2)/3)
	}
	for i, v := range got.AsValueSlice() {
		if want := fmt.Sprintf("v%d", 3*i); v.AsString() != want {
			t.Fatalf("value %d is %s, want %s", i, v.AsString(), want)
		}
	}

	nums := make([]cty.Value, 3000)
	for i := range nums {
		nums[i] = cty.NumberIntVal(int64(i))
	}
	_, err = matchkeysFunc.Call([]cty.Value{cty.ListVal(nums), cty.ListVal(nums), cty.ListVal(nums)})
	if err == nil || !strings.Contains(err.Error(), "too many to compare") {
		t.Errorf("3,000 number keys against 3,000: error %v, want too many to compare", err)
	}
	// Small lists of other types, and null keys, are still compared pairwise.
	got, err = matchkeysFunc.Call([]cty.Value{
		cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("c")}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2), cty.NullVal(cty.Number)}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(2), cty.NullVal(cty.Number)}),
	})
	if err != nil || got.LengthInt() != 2 || got.Index(cty.NumberIntVal(0)).AsString() != "b" || got.Index(cty.NumberIntVal(1)).AsString() != "c" {
		t.Errorf("matchkeys with numbers and a null: %#v, %v; want [b c]", got, err)
	}
	got, err = matchkeysFunc.Call([]cty.Value{
		cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		cty.ListVal([]cty.Value{cty.StringVal("x"), cty.NullVal(cty.String)}),
		cty.ListVal([]cty.Value{cty.NullVal(cty.String)}),
	})
	if err != nil || got.LengthInt() != 1 || got.Index(cty.NumberIntVal(0)).AsString() != "b" {
		t.Errorf("matchkeys with a null string key: %#v, %v; want [b]", got, err)
	}
}
