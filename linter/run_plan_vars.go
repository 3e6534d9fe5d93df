package linter

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/load"
)

// sourceVarValues returns the values the root module in dir gives its input
// variables by itself: the defaults of its variable blocks, then
// terraform.tfvars and *.auto.tfvars (JSON too), in Terraform's order. Only
// constant values are kept (defaults and tfvars must be constants anyway).
// A plan variable with the same value need not be passed to the source
// evaluation: what comes from it is then located at the default or in the
// tfvars file, in the source, not in the plan.
func sourceVarValues(dir string, maxFileSize int64) map[string]cty.Value {
	out := map[string]cty.Value{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	// Read and parsed as Load reads a file, and evaluated within the
	// evaluator's budgets: a link to /dev/zero was read for ever, a file
	// nesting 200,000 brackets overflowed hclsyntax's stack (a fatal
	// error), and a default of nested for expressions iterated 10^9 times.
	parse := func(name string) *hcl.File {
		return load.ParseAside(filepath.Join(dir, name), maxFileSize)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	varSchema := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "variable", LabelNames: []string{"name"}}}}
	defSchema := &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}}}
	for _, n := range names {
		if !load.IsConfigFile(n) {
			continue
		}
		f := parse(n)
		if f == nil || f.Body == nil {
			continue
		}
		content, _, _ := f.Body.PartialContent(varSchema)
		if content == nil {
			continue
		}
		for _, b := range content.Blocks {
			bc, _, _ := b.Body.PartialContent(defSchema)
			if bc == nil || bc.Attributes["default"] == nil {
				continue
			}
			if v, diags := eval.ConstValue(bc.Attributes["default"].Expr); !diags.HasErrors() && v.IsWhollyKnown() {
				out[b.Labels[0]] = v
			}
		}
	}
	tfvars := func(name string) {
		f := parse(name)
		if f == nil || f.Body == nil {
			return
		}
		attrs, diags := f.Body.JustAttributes()
		if diags.HasErrors() {
			return
		}
		for k, a := range attrs {
			if v, diags := eval.ConstValue(a.Expr); !diags.HasErrors() && v.IsWhollyKnown() {
				out[k] = v
			}
		}
	}
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			tfvars(n)
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			tfvars(n)
		}
	}
	return out
}

// sameVarValue reports whether the plan's value of a variable is the one the
// source gives it (compared as JSON: the plan's value comes from JSON).
func sameVarValue(pv *eval.Node, sv cty.Value) bool {
	if pv == nil || pv.Val == cty.NilVal || sv == cty.NilVal || !pv.Val.IsWhollyKnown() || !sv.IsWhollyKnown() {
		return false
	}
	a, err1 := ctyjson.Marshal(pv.Val, pv.Val.Type())
	b, err2 := ctyjson.Marshal(sv, sv.Type())
	if err1 != nil || err2 != nil {
		return false
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// planOnlyVars returns the plan's variables whose value is not the one the
// source in dir gives them by itself (see sourceVarValues).
func planOnlyVars(vars map[string]*eval.Node, dir string, maxFileSize int64) map[string]*eval.Node {
	own := sourceVarValues(dir, maxFileSize)
	out := make(map[string]*eval.Node, len(vars))
	for k, v := range vars {
		if sv, ok := own[k]; ok && sameVarValue(v, sv) {
			continue
		}
		out[k] = v
	}
	return out
}
