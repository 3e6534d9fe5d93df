package eval

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// convertCases are values and type constraints of the sizes convertLinear
// takes (and a few it leaves to go-cty), with their elements of mixed
// kinds: the result and error must be go-cty's.
func convertCases(r *rand.Rand) []struct {
	v  cty.Value
	ty cty.Type
} {
	type tc = struct {
		v  cty.Value
		ty cty.Type
	}
	objTy := cty.ObjectWithOptionalAttrs(map[string]cty.Type{"name": cty.String, "n": cty.Number}, []string{"n"})
	elem := func(kind int, i int) cty.Value {
		switch kind {
		case 0:
			return cty.StringVal(fmt.Sprintf("arn:aws:s3:::b%d", i))
		case 1:
			return cty.NumberIntVal(int64(i))
		case 2:
			return cty.True
		case 3:
			return cty.NullVal(cty.DynamicPseudoType)
		case 4:
			return cty.UnknownVal(cty.String)
		case 5:
			return cty.DynamicVal
		case 6:
			return cty.StringVal("not a number")
		case 7:
			return cty.TupleVal([]cty.Value{cty.StringVal("x")})
		case 8:
			return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(fmt.Sprint(i))})
		default:
			return cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("a"), "n": cty.NumberIntVal(int64(i))})
		}
	}
	var out []tc
	for _, n := range []int{0, 1, 63, 64, 65, 200} {
		for _, kinds := range [][]int{{0}, {1}, {0, 1}, {0, 1, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 6}, {0, 7}, {8}, {8, 9}, {9}, {0, 8}} {
			vals := make([]cty.Value, n)
			attrs := make(map[string]cty.Value, n)
			for i := range vals {
				vals[i] = elem(kinds[r.Intn(len(kinds))], i)
				attrs[fmt.Sprintf("k%d", i)] = vals[i]
			}
			tuple := cty.EmptyTupleVal
			obj := cty.EmptyObjectVal
			if n > 0 {
				tuple, obj = cty.TupleVal(vals), cty.ObjectVal(attrs)
			}
			for _, ety := range []cty.Type{cty.String, cty.Number, cty.Bool, objTy, cty.List(cty.String), cty.DynamicPseudoType} {
				out = append(out, tc{tuple, cty.List(ety)}, tc{tuple, cty.Set(ety)}, tc{obj, cty.Map(ety)}, tc{tuple, cty.Map(ety)})
			}
			// Nested: a list of lists, each a tuple of strings.
			out = append(out, tc{cty.TupleVal([]cty.Value{tuple, tuple}), cty.List(cty.List(cty.String))})
		}
	}
	big := make([]cty.Value, 100)
	for i := range big {
		big[i] = cty.StringVal(fmt.Sprint(i % 7))
	}
	out = append(out,
		tc{cty.TupleVal(big).Mark("sensitive"), cty.List(cty.String)},
		tc{cty.UnknownVal(cty.Tuple([]cty.Type{cty.String})), cty.List(cty.String)},
		tc{cty.NullVal(cty.Tuple([]cty.Type{cty.String})), cty.List(cty.String)},
		tc{cty.TupleVal(big), cty.Set(cty.String)}, // duplicates fold
	)
	return out
}

// TestConvertValueIsGoCty: convertValue gives what convert.Convert gives,
// value (RawEquals, marks and all) and error text.
func TestConvertValueIsGoCty(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	linear := 0
	for i, c := range convertCases(r) {
		want, wantErr := convert.Convert(c.v, c.ty)
		got, gotErr := convertValue(c.v, c.ty)
		// (go-cty names the first attribute of an object that does not
		// convert to a map's element type in the order of a Go map: the
		// text varies from call to call.)
		sameErr := wantErr == nil || gotErr == nil || c.ty.IsMapType() || wantErr.Error() == gotErr.Error()
		if (wantErr == nil) != (gotErr == nil) || !sameErr {
			t.Fatalf("case %d (%s to %s): error %v, go-cty %v", i, c.v.Type().FriendlyName(), c.ty.FriendlyName(), gotErr, wantErr)
		}
		if wantErr == nil && !got.RawEquals(want) {
			t.Fatalf("case %d (%s to %s): %#v, go-cty %#v", i, c.v.Type().FriendlyName(), c.ty.FriendlyName(), got, want)
		}
		if _, ok := convertLinear(c.v, c.ty); ok {
			linear++
		}
	}
	if linear < 50 {
		t.Errorf("convertLinear converted %d of the cases; the comparison does not test it", linear)
	}
}

// TestConvertValueLinear: a list(string), set(string) or map(string)
// variable given 100,000 strings, or a list of objects given 25,000
// objects, is converted without go-cty's pairwise unification (convertLinear
// takes it: 20,000 strings took 5.4 s through go-cty, 100,000 more than 90 s).
func TestConvertValueLinear(t *testing.T) {
	const n = 100_000
	strs := make([]cty.Value, n)
	attrs := make(map[string]cty.Value, n)
	for i := range strs {
		strs[i] = cty.StringVal(fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i))
		attrs[fmt.Sprint(i)] = strs[i]
	}
	objs := make([]cty.Value, n/4)
	for i := range objs {
		objs[i] = cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(fmt.Sprint(i)), "actions": cty.TupleVal([]cty.Value{cty.StringVal("s3:GetObject")})})
	}
	objTy := cty.Object(map[string]cty.Type{"name": cty.String, "actions": cty.List(cty.String)})
	for _, c := range []struct {
		v  cty.Value
		ty cty.Type
		n  int
	}{
		{cty.TupleVal(strs), cty.List(cty.String), n},
		{cty.TupleVal(strs), cty.Set(cty.String), n},
		{cty.ObjectVal(attrs), cty.Map(cty.String), n},
		{cty.TupleVal(objs), cty.List(objTy), n / 4},
	} {
		got, ok := convertLinear(c.v, c.ty)
		if !ok {
			t.Fatalf("%s to %s: not converted linearly", c.v.Type().FriendlyName(), c.ty.FriendlyName())
		}
		if !got.Type().Equals(c.ty) || got.LengthInt() != c.n {
			t.Fatalf("%s to %s: got %s of %d", c.v.Type().FriendlyName(), c.ty.FriendlyName(), got.Type().FriendlyName(), got.LengthInt())
		}
	}
}
