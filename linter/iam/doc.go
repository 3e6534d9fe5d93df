// Package iam is the IAM model that every rule reads: documents, statements and
// identities, each leaf a Value that knows where it came from.
//
// It owns:
//   - the model types (model.go, graph.go) and the Tree interface (tree.go).
//     Big inputs hold millions of them, so they are kept small (sizes pinned
//     by TestModelSizes): what few statements or documents have lives out of
//     line (Statement.Extra, Document.Extra, read through methods such as
//     NotActions and ParseErrors), as does the partial text of a Value;
//   - the located policy-JSON parser, ParseJSON (json.go): hand-written, no
//     recursion, nesting limited to MaxJSONDepth, byte offsets on every value
//     and object key;
//   - the mapping of those offsets to source positions (pos.go): FileMapper for
//     a whole file, FixedMapper for computed text, SegmentMapper for text
//     assembled from source segments (heredocs, templates);
//   - Range (rng.go), the compact source range of every Value, Element,
//     Statement and Document (24 bytes, no pointers; a process-wide table of
//     file names),
//     which converts to and from hcl.Range without loss;
//   - FromTree (fromtree.go), the one conversion of any Tree (parsed JSON or an
//     evaluated Terraform value adapted by package extract) into a Document,
//     and FromJSONString (fastdoc.go), the same Document built straight from
//     plain policy text, its statements and lists packed into one allocation
//     each (PackDocument packs those of a caller that builds the statements
//     of a usual jsonencode policy itself, as FromTree would);
//   - action and ARN pattern matching (match.go).
//
// It must not know about Terraform, HCL syntax or plan JSON: hcl.Range and
// hcl.Diagnostic are used only as plain source-range and error types. It
// never panics on input and never turns an unknown value into a wildcard.
package iam
