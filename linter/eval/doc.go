// Package eval evaluates parsed Terraform configurations the way terraform
// plan would, producing located values (Node) for every resource, data and
// provider block instance.
//
// It owns: the per-module-instance scope (variables with type conversion,
// locals and outputs resolved lazily and memoised, with cycle detection),
// count / for_each instances, dynamic blocks, module calls (nested, with
// count / for_each), references to resources, data sources (with
// DataRenderer for those Terraform computes from configuration alone) and
// module outputs, the Terraform function set (go-cty stdlib plus the rest),
// and the located evaluator: every value remembers the source range it came
// from, strings from templates, heredocs, file() and templatefile() map each
// byte back to a position (TextMap), jsonencode keeps its located argument
// (and, as the whole expression of a resource's attribute, may leave its
// text unwritten: Node.LazyJSON, Node.Value).
//
// Anything not known before apply is a cty unknown, never a placeholder.
// Problems are hcl.Diagnostics; evaluation never stops at the first one, and
// function failures are warnings with an unknown result.
//
// It must not: find or parse files (package load does), know about IAM
// (package extract does), read files outside Options.Allowed, or use the
// network.
package eval
