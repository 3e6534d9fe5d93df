package iam

import (
	"fmt"
	"strings"
	"testing"
)

// dumpTree writes a Tree with every range, key and scalar.
func dumpTree(b *strings.Builder, t Tree, ind string) {
	if t == nil {
		b.WriteString(ind + "nil\n")
		return
	}
	fmt.Fprintf(b, "%s%v %q %v %v\n", ind, t.Kind(), t.Scalar(), t.Range(), t.KeyRange())
	for _, k := range t.Keys() {
		b.WriteString(ind + " ." + k + "\n")
		dumpTree(b, t.Field(k), ind+"  ")
	}
	for i := 0; i < t.Len(); i++ {
		dumpTree(b, t.Elem(i), ind+"  ")
	}
}

// TestParseJSONStringSameAsParseJSON: parsing a string in place gives the
// tree and diagnostics of parsing its bytes, valid or not, and the source
// is left as it was.
func TestParseJSONStringSameAsParseJSON(t *testing.T) {
	srcs := []string{
		testPolicy,
		"\xEF\xBB\xBF" + testPolicy,
		`{"Statement":{"Effect":"Allow","Action":["s3:Get*","\u0073\u0033:Put*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}},"N":-1.5e3,"Z":null}}`,
		`{"a":1,"a":2,"b":"x\"y\\z\n","c":"` + "\xff\xfe" + `"}`,
		`{"Statement":[{"Effect":"Allow",}]}`,
		`{"Statement":[`,
		`[1,2,3]`,
		``,
		`{"k":"v"} trailing`,
		strings.Repeat(`{"a":`, 50) + `1` + strings.Repeat(`}`, 50),
		`{` + strings.Repeat(`"k0":"v",`, 2000) + `"end":true}`,
	}
	for _, src := range srcs {
		m := FileMapper("p.json", []byte(src))
		want, wantDiags := ParseJSON([]byte(src), m)
		orig := strings.Clone(src)
		got, gotDiags := ParseJSONString(src, m)
		var a, b strings.Builder
		dumpTree(&a, want, "")
		dumpTree(&b, got, "")
		if a.String() != b.String() || wantDiags.Error() != gotDiags.Error() {
			t.Errorf("%.40q: ParseJSONString differs from ParseJSON\nwant %s%v\ngot  %s%v", src, a.String(), wantDiags, b.String(), gotDiags)
		}
		if src != orig {
			t.Errorf("%.40q: source modified", src)
		}
	}
}
