package linter

import (
	"encoding/json"
	"io"
	"os"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// PLAN SEAM. Plans are read by package linter/plan (plan.IsPlan, plan.Load),
// which is being written separately. Until it is wired in here, isPlan detects
// a plan by content as CLI.md says and loadPlan reports that plans cannot be
// linted yet. To wire it: replace the bodies with plan.IsPlan(src) and
// plan.Load(name, src, plan.Options{NewOnly: opts.NewOnly, Source: opts.Source,
// Renderers: extract.Renderers()}) (or whatever its final Options are).

// readPlanInput reads a plan file, or stdin for "-".
func readPlanInput(p string, stdin io.Reader) ([]byte, error) {
	if p == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		return io.ReadAll(stdin)
	}
	return os.ReadFile(p)
}

// isPlan reports whether src is terraform show -json output: an object with
// format_version and planned_values or resource_changes.
func isPlan(src []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return false
	}
	_, fv := top["format_version"]
	_, pv := top["planned_values"]
	_, rc := top["resource_changes"]
	return fv && (pv || rc)
}

// loadPlan evaluates a plan into the same shape as HCL loading.
func loadPlan(name string, _ []byte, _ Options) *eval.Result {
	return &eval.Result{Diags: hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Plans are not supported yet",
		Detail:   name + " is a Terraform plan; this build of iamlint cannot lint plans yet. Lint the Terraform directory instead.",
		Subject:  &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
	}}}
}
