package eval

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// jsonDecodeFunc is Terraform's jsondecode (cty's), refusing documents whose
// arrays and objects nest more than MaxNesting levels deep: cty decodes
// each level by reading the rest of the document again (quadratic), and a
// 40 kB .tf of base64decode()d JSON 8,000 levels deep took 9.5 s and 1.3 GB.
// Such a document is an error of the call; its value is unknown.
var jsonDecodeFunc = function.New(&function.Spec{
	Description: stdlib.JSONDecodeFunc.Description(),
	Params:      stdlib.JSONDecodeFunc.Params(),
	Type: func(args []cty.Value) (cty.Type, error) {
		if s := args[0]; s.IsKnown() && !s.IsNull() {
			if jsonDeeper(s.AsString(), MaxNesting) {
				return cty.NilType, function.NewArgErrorf(0, "the JSON document's arrays and objects nest more than %d levels deep", MaxNesting)
			}
		}
		return stdlib.JSONDecodeFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		return ctyjson.Unmarshal([]byte(args[0].AsString()), retType)
	},
})

// jsonDeeper reports whether the arrays and objects of the JSON text s nest
// more than max levels deep (brackets in strings do not count).
func jsonDeeper(s string, max int) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > max {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}
