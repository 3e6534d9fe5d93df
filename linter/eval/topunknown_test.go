package eval

import (
	"slices"
	"testing"
)

// TestTopTypesHoldSchema: every block type iamlint reads is one that
// unknownTopBlocks keeps silent about.
func TestTopTypesHoldSchema(t *testing.T) {
	for _, b := range topSchema.Blocks {
		if !slices.Contains(topTypes, b.Type) {
			t.Errorf("%s: in topSchema, not in topTypes", b.Type)
		}
	}
}

func TestClosestTopType(t *testing.T) {
	for typ, want := range map[string]string{"resourc": "resource", "Resource": "resource", "varible": "variable",
		"modul": "module", "otput": "output", "provder": "provider", "frobnicate": "", "x": "", "resource_group": ""} {
		if got := closestTopType(typ); got != want {
			t.Errorf("closestTopType(%q) = %q, want %q", typ, got, want)
		}
	}
}
