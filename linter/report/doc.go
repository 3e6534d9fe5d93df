// Package report writes a linter.Result in the output formats of the CLI:
// text and json (text.go, json.go) and the CI formats sarif (SARIF 2.1.0 for
// GitHub code scanning and other SARIF consumers), junit, checkstyle, github
// (GitHub Actions workflow commands) and gitlab (GitLab Code Quality).
//
// Each CI format has a WriteX(w, res, rules, opts) function and an adapter
// with the Formatter signature. Formatters only format: they never filter,
// sort, fingerprint or decide exit codes, and never print anything but the
// report to w. Output is deterministic for a given result.
package report
