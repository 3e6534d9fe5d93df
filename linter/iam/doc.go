// Package iam is the IAM model that every rule reads: documents, statements and
// identities, each leaf a Value that knows where it came from.
//
// It owns the model types, the policy-JSON parser (with byte offsets mapped back to
// file positions) and the conversion of any Tree (parsed JSON or an evaluated
// Terraform value) into a Document. It must not know about Terraform, HCL syntax
// or plan JSON: hcl.Range is used only as a plain source-range type.
package iam
