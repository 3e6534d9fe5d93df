// Package load finds Terraform root modules under the paths it is given,
// parses them with one hclparse.Parser (.tf with hclsyntax, .tf.json with
// hcl/json, in parallel), collects root variable values (terraform.tfvars,
// *.auto.tfvars, --var-file, --var), resolves module sources (local paths,
// and registry/git modules through .terraform/modules/modules.json) and has
// package eval evaluate each root module on its own.
//
// Every directory holding Terraform files is a root module, including
// module directories that other roots also call; the runner dedupes the
// findings. Input problems are hcl.Diagnostics with a range; a file with a
// syntax error is left out while the rest is evaluated; a panic while
// evaluating a module becomes a diagnostic naming its directory.
//
// It must not: know about IAM, read plan JSON (package plan does), execute
// anything, or use the network.
package load
