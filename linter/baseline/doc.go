// Package baseline records the findings a project accepts today, so that
// CI reports only new ones (--write-baseline FILE / --baseline FILE).
//
// A baseline is JSON: {"version": 1, "tool": "iamlint", "findings": [{"fingerprint",
// "rule", "resource", "file", "message"}]}. Only the fingerprint (computed by
// the runner, stable across line moves and reformatting) is matched; the other
// fields are for people reading the file and reviewing its diffs.
//
// This package owns the file format and the matching. It does not compute
// fingerprints or decide exit codes.
package baseline
