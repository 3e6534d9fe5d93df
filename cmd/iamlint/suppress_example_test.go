package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/internal/docgen"
	"github.com/iamlint/iamlint/linter/suppress"
)

// The examples that `iamlint explain invalid-suppression` (and its docs page)
// shows do what they say: the flagged one is reported, the clean one is not
// (its suppression is used: the statement does have a wildcard-resource
// finding).
func TestInvalidSuppressionExamples(t *testing.T) {
	bad, good := docgen.Examples(suppress.RuleID)
	if bad == nil || good == nil {
		t.Fatal("no examples")
	}
	for _, c := range []struct {
		name    string
		text    string
		flagged bool
	}{{"flagged", bad.Text, true}, {"clean", good.Text, false}} {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"main.tf": c.text})
		chdir(t, dir)
		var out, errb bytes.Buffer
		code := run([]string{"--enable", "wildcard-resource,invalid-suppression", "."}, nil, &out, &errb)
		got := strings.Contains(out.String(), "invalid-suppression")
		if got != c.flagged || code == 2 {
			t.Errorf("%s example: exit %d, invalid-suppression reported %v, want %v:\n%s%s", c.name, code, got, c.flagged, out.String(), errb.String())
		}
	}
}
