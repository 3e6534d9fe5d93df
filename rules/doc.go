// Package rules holds the checks iamlint ships, one file per rule, each a
// *linter.Rule value listed in All (sorted by ID).
//
// A rule is a small pure function over the IAM model (iam.Model): it never
// sees HCL, cty or plan JSON, never prints and never reads files. Rules must
// not treat an unknown value as a wildcard, and Deny statements never produce
// wildcard or privilege findings.
//
// Action patterns are judged against the embedded AWS action catalog
// (linter/awsdata) through catalog.go: expandPattern expands a pattern (an
// awsdata.Set: indices or a bitset of the catalog, never more than 2.8 KB)
// case-insensitively and caches the result. Documents of AWS managed policies
// (iam.Document.Managed, attached through Attachment.Policy) are AWS's own text:
// they are not in Model.Documents and document-level rules never judge them;
// effective permissions (linter/effective) and admin-policy-attached read them.
//
// Golden test data lives in testdata/<rule-id>/<case>/, one Terraform root
// module per case, annotated with `# want "rule-id"` comments (`# want +N` for
// a line N below, inside a heredoc; a sidecar F.want with `LINE rule-id` lines
// for a file()d JSON or template F). A case holding a KNOWN_ISSUE file is
// skipped with that reason: its expectation is right, the loading side does
// not meet it yet.
package rules
