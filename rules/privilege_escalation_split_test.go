package rules

import (
	"fmt"
	"testing"

	"github.com/iamlint/iamlint/linter/effective"
)

// TestEscalationTablesAgree keeps the per-policy rule's escalation table and
// package effective's (used for split paths and the principals summary) equal,
// until the rule reads effective.EscalationPaths itself.
func TestEscalationTablesAgree(t *testing.T) {
	if len(escalationPaths) != len(effective.EscalationPaths) {
		t.Fatalf("rules has %d escalation paths, effective %d", len(escalationPaths), len(effective.EscalationPaths))
	}
	for i, p := range escalationPaths {
		q := effective.EscalationPaths[i]
		if p.Name != q.Name || p.PassRole != q.PassRole || fmt.Sprint(p.Groups) != fmt.Sprint(q.Groups) {
			t.Errorf("path %d differs: rules %+v, effective %+v", i, p, q)
		}
	}
}
