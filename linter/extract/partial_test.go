package extract

import (
	"encoding/json"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

func TestQuoteBareMarkers(t *testing.T) {
	m := eval.UnknownMarker
	for _, c := range []struct{ in, want string }{
		// outside strings: a JSON string of the same length
		{`{"Action": ` + m + `, "Resource": "*"}`, `{"Action": ` + bareMarker + `, "Resource": "*"}`},
		{`[` + m + `,` + m + `]`, `[` + bareMarker + `,` + bareMarker + `]`},
		// inside strings (also after an escaped quote): left alone
		{`{"Resource": "arn:` + m + `/*"}`, `{"Resource": "arn:` + m + `/*"}`},
		{`{"Sid": "a\"` + m + `"}`, `{"Sid": "a\"` + m + `"}`},
		{`{"a": "x"}`, `{"a": "x"}`},
	} {
		got := quoteBareMarkers(c.in)
		if got != c.want {
			t.Errorf("quoteBareMarkers(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(got) != len(c.in) {
			t.Errorf("quoteBareMarkers(%q) changed the length", c.in)
		}
	}
	var v any
	if err := json.Unmarshal([]byte(quoteBareMarkers(`{"Statement": [{"Action": `+m+`}]}`)), &v); err != nil {
		t.Errorf("quoted text does not parse: %v", err)
	}
	if !isBareMarker(bareMarker[1:len(bareMarker)-1]) || isBareMarker(m) {
		t.Error("isBareMarker")
	}
}
