// Package iam is the IAM model that every rule reads: documents, statements and
// identities, each leaf a Value that knows where it came from.
//
// It owns:
//   - the model types (model.go, graph.go) and the Tree interface (tree.go);
//   - the located policy-JSON parser, ParseJSON (json.go): hand-written, no
//     recursion, nesting limited to MaxJSONDepth, byte offsets on every value
//     and object key;
//   - the mapping of those offsets to source positions (pos.go): FileMapper for
//     a whole file, FixedMapper for computed text, SegmentMapper for text
//     assembled from source segments (heredocs, templates);
//   - Range (rng.go), the compact source range of every Value, Element and
//     Statement (24 bytes, no pointers; a process-wide table of file names),
//     which converts to and from hcl.Range without loss;
//   - FromTree (fromtree.go), the one conversion of any Tree (parsed JSON or an
//     evaluated Terraform value adapted by package extract) into a Document;
//   - action and ARN pattern matching (match.go).
//
// It must not know about Terraform, HCL syntax or plan JSON: hcl.Range and
// hcl.Diagnostic are used only as plain source-range and error types. It
// never panics on input and never turns an unknown value into a wildcard.
package iam
