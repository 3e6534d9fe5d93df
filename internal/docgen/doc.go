// Package docgen generates the rule documentation from the rule values
// (package rules, and invalid-suppression from package suppress) and their
// golden test data (rules.Examples): docs/rules/<id>.md for every rule, the
// rule table of README.md between <!-- rules:begin --> and <!-- rules:end -->,
// and the text of `iamlint explain`.
//
// Regenerate with `go generate ./internal/docgen`; TestDocsUpToDate fails
// when the files in the repository differ from what would be generated.
//
// It owns the layout of the generated docs and the choice of examples. It
// must not lint, and it never writes outside the root it is given.
package docgen

//go:generate go run ./gendocs -root ../..
