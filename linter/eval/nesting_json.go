package eval

import (
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// CheckJSONNesting is CheckNesting for a file in HCL's JSON syntax
// (.tf.json, .tfvars.json): its arrays and objects may nest at most max
// levels deep, and so may the template of each of its strings (a JSON
// string is parsed as a template when it is evaluated: "${(((...)))}").
//
// CheckNesting reads native syntax: in a JSON string the escaped quotes of
// an interpolation (`"${jsonencode({a = \"b\"})}"`, as CDKTF writes them)
// are no quotes there, so the strings after one were read as code, and
// their brackets added up: a 4 MB CDKTF file with 332 such roles was
// refused as "nesting more than 1000 levels deep". Here the JSON
// structure is scanned on its own, and a string's template is checked on
// its decoded text, as CheckTemplateNesting checks a template.
func CheckJSONNesting(src []byte, filename string, max int) *hcl.Diagnostic {
	if d := numberTooLong(src, filename); d != nil {
		return d
	}
	if len(src) <= max {
		return nil
	}
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			j := jsonStringEnd(src, i)
			// A template cannot nest deeper than it has bytes: only
			// strings longer than max are decoded and scanned (an
			// escape is longer than what it stands for).
			if j-i > max {
				var s string
				if json.Unmarshal(src[i:j], &s) == nil {
					if d := checkNesting([]byte(s), filename, max, true); d != nil {
						// Placed at the string: positions in the decoded
						// text are not the file's.
						d.Subject = ByteRange(src, i, filename)
						d.Detail = "In the template of a JSON string: " + d.Detail
						return d
					}
				}
			}
			i = j - 1
		case '{', '[':
			if depth++; depth > max {
				return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
					Detail:  fmt.Sprintf("Arrays and objects in %s nest more than %d levels deep; "+fileNotParsed+".", filename, max),
					Subject: ByteRange(src, i, filename)}
			}
		case '}', ']':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// jsonStringEnd returns the offset just past the JSON string that starts
// with the quote at src[i] (its closing quote, or the end of src when it
// has none).
func jsonStringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}
