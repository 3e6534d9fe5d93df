package rules

import "embed"

// Examples holds the golden test cases, testdata/<rule-id>/<case>/..., from
// which `iamlint explain` and the generated docs/rules/<id>.md take a flagged
// and a clean example (see internal/docgen).
//
//go:embed testdata
var Examples embed.FS
