package eval

import (
	"strings"
	"testing"
)

func TestCheckJSONNesting(t *testing.T) {
	role := `"p%d": "${jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Principal = {Service = \"ec2.amazonaws.com\"}}]})}"`
	var many []string
	for i := range 2000 {
		many = append(many, strings.Replace(role, "%d", strings.Repeat("x", i%7), 1))
	}
	deepTemplate := `"${` + strings.Repeat("(", 1500) + `\"*\"` + strings.Repeat(")", 1500) + `}"`
	escaped := `"\u0024{` + strings.Repeat(`\u0028`, 1500) + `1` + strings.Repeat(`\u0029`, 1500) + `}"`
	for _, c := range []struct {
		name, src string
		at        string // "line,column" of the error, "" for none
		detail    string
	}{
		// Escaped quotes in interpolations, as CDKTF writes them, are no
		// quotes of the JSON: the brackets of the strings are not code.
		{"cdktf", "{\n" + strings.Join(many, ",\n") + "\n}", "", ""},
		{"shallow", `{"a": [[[{"b": "${[[[1]]]}"}]]]}`, "", ""},
		{"arrays", `{"x": ` + strings.Repeat("[", 1001) + strings.Repeat("]", 1001) + `}`, "1,1006", "Arrays and objects in f.tf.json nest more than 1000 levels deep"},
		{"brackets in strings", `{"x": "` + strings.Repeat("[{(", 2000) + `"}`, "", ""},
		{"template", `{"x": ` + deepTemplate + `}`, "1,7", "In the template of a JSON string: Brackets in f.tf.json nest more than 1000 levels deep"},
		{"escaped template", `{"x": ` + escaped + `}`, "1,7", "In the template of a JSON string"},
		{"literal template", `{"x": "$${` + strings.Repeat("(", 1500) + `}"}`, "", ""},
		// hcl/json refuses an unterminated string before any template.
		{"unterminated", `{"x": "${` + strings.Repeat("(", 1500), "", ""},
	} {
		d := CheckJSONNesting([]byte(c.src), "f.tf.json", MaxNesting)
		switch {
		case c.at == "" && d != nil:
			t.Errorf("%s: %s: %s", c.name, d.Subject, d.Detail)
		case c.at != "" && d == nil:
			t.Errorf("%s: no error, want one at %s", c.name, c.at)
		case c.at != "":
			if got := strings.TrimPrefix(d.Subject.String(), "f.tf.json:"); !strings.HasPrefix(got, c.at) {
				t.Errorf("%s: error at %s, want %s", c.name, got, c.at)
			}
			if !strings.Contains(d.Detail, c.detail) {
				t.Errorf("%s: %q, want %q in it", c.name, d.Detail, c.detail)
			}
		}
	}
}
