package linter

import (
	"bytes"
	"encoding/json"
)

// notPlanHint says what a file given as a plan is when it is a usual
// mistake rather than a broken plan, or "": a plan saved by PowerShell's >
// (UTF-16) or saved as UTF-32, the streaming UI output of terraform plan -json (one JSON
// message a line), a saved binary plan (a zip archive), or HCL.
func notPlanHint(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xff, 0xfe, 0, 0}) || bytes.HasPrefix(src, []byte{0, 0, 0xfe, 0xff}):
		// UTF-32's little-endian mark starts with UTF-16's: asked first.
		return "it is encoded in UTF-32 (it starts with a UTF-32 byte order mark); iamlint reads UTF-8 plans: write it with terraform show -json PLANFILE > plan.json (or | Out-File -Encoding utf8 plan.json)"
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		return "it is encoded in UTF-16 (it starts with a UTF-16 byte order mark: PowerShell's > writes UTF-16); iamlint reads UTF-8 plans: write it with terraform show -json PLANFILE | Out-File -Encoding utf8 plan.json"
	case isSavedPlan(src):
		return savedPlanHint
	case isUIStream(src):
		return "it is the machine-readable log of terraform plan -json (one JSON message a line), not a plan: save the plan with terraform plan -out=PLANFILE and lint terraform show -json PLANFILE"
	case looksLikeHCL(src):
		return "it looks like Terraform configuration (HCL), which iamlint reads from files: name the .tf files or their directory (iamlint . or iamlint main.tf)"
	}
	return ""
}

// looksLikeHCL reports whether src starts, past white space and a byte
// order mark, as Terraform configuration does: with a comment or a
// top-level block (cat main.tf | iamlint -).
func looksLikeHCL(src []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	// Only the first hclWindow bytes past the white space are looked at,
	// as readStdin keeps them after white space it does not keep.
	s = s[:min(len(s), hclWindow)]
	for _, c := range []string{"#", "//", "/*"} {
		if bytes.HasPrefix(s, []byte(c)) {
			return true
		}
	}
	for _, kw := range []string{"terraform", "resource", "data", "module", "variable", "output", "locals", "provider", "moved", "import", "removed", "check", "ephemeral"} {
		if rest, ok := bytes.CutPrefix(s, []byte(kw)); ok {
			rest = bytes.TrimLeft(rest, " \t")
			if len(rest) > 0 && (rest[0] == '"' || rest[0] == '{') {
				return true
			}
		}
	}
	return false
}

// hclWindow is how many bytes past the white space at its start
// looksLikeHCL looks at.
const hclWindow = 256

// savedPlanHint is what a saved binary plan file is told.
const savedPlanHint = "it is a saved plan file (binary, from terraform plan -out): lint its JSON form, terraform show -json PLANFILE > plan.json"

// isSavedPlan reports whether src is a zip archive, as terraform plan -out
// writes (a local file header first).
func isSavedPlan(src []byte) bool { return bytes.HasPrefix(src, []byte("PK\x03\x04")) }

// isUIStream reports whether the first line of src is a message of
// Terraform's machine-readable UI (terraform plan -json): an object with
// "@level" and "@message".
func isUIStream(src []byte) bool {
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	if len(line) > 1<<20 {
		return false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(line), &m) != nil {
		return false
	}
	_, level := m["@level"]
	_, msg := m["@message"]
	return level && msg
}
