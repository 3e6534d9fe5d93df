package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/suppress"
	"github.com/iamlint/iamlint/rules"
)

// TestDocsUpToDate fails when docs/rules/*.md or the README rule table differ
// from what the rules and their test data generate.
func TestDocsUpToDate(t *testing.T) {
	stale, err := Check("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Errorf("generated docs are stale: %s\nrun: go generate ./internal/docgen", strings.Join(stale, ", "))
	}
}

// TestCheckFindsStaleDocs regenerates into a copy, breaks it, and checks
// that Check notices: an edited page, a missing page, a page of no rule, and
// an edited table.
func TestCheckFindsStaleDocs(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "README.md"), []byte("# x\n\n"+Begin+"\nold\n"+End+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(root); err != nil {
		t.Fatal(err)
	}
	if stale, err := Check(root); err != nil || len(stale) != 0 {
		t.Fatalf("fresh docs: stale %v, err %v", stale, err)
	}
	id := Catalog()[0].ID
	page := filepath.Join(root, "docs", "rules", id+".md")
	if err := os.WriteFile(page, []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "docs", "rules", suppress.RuleID+".md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "docs", "rules", "gone.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	readme, _ := os.ReadFile(filepath.Join(root, "README.md"))
	if err := os.WriteFile(filepath.Join(root, "README.md"), []byte(strings.Replace(string(readme), "| rule |", "| Rule |", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	stale, err := Check(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"README.md", "docs/rules/" + id + ".md", "docs/rules/gone.md", "docs/rules/" + suppress.RuleID + ".md"}
	for _, w := range want {
		found := false
		for _, s := range stale {
			found = found || s == w
		}
		if !found {
			t.Errorf("Check did not report %s: %v", w, stale)
		}
	}
	if err := Write(root); err != nil {
		t.Fatal(err)
	}
	if stale, _ := Check(root); len(stale) != 0 {
		t.Errorf("after Write: stale %v", stale)
	}
	if _, err := os.Stat(filepath.Join(root, "docs", "rules", "gone.md")); !os.IsNotExist(err) {
		t.Errorf("gone.md not removed")
	}
}

func TestExamples(t *testing.T) {
	bad, good := Examples("wildcard-action")
	if bad == nil || good == nil {
		t.Fatalf("wildcard-action: bad %v good %v", bad, good)
	}
	if !strings.HasPrefix(bad.Source, "rules/testdata/wildcard-action/") || !strings.Contains(bad.Text, "# <- wildcard-action") || strings.Contains(bad.Text, `want "`) {
		t.Errorf("bad example from %s:\n%s", bad.Source, bad.Text)
	}
	if !strings.HasSuffix(filepath.Dir(good.Source), "-clean") || strings.Contains(good.Text, "want") {
		t.Errorf("good example from %s:\n%s", good.Source, good.Text)
	}
	// Every rule with golden test data gets both examples.
	for _, r := range rules.All {
		if _, err := os.Stat(filepath.Join("../../rules/testdata", r.ID)); err != nil {
			continue
		}
		if b, g := Examples(r.ID); b == nil || g == nil {
			t.Errorf("%s: no flagged (%v) or clean (%v) example in rules/testdata/%s", r.ID, b != nil, g != nil, r.ID)
		}
	}
	if b, g := Examples(suppress.RuleID); b == nil || g == nil {
		t.Errorf("invalid-suppression examples missing")
	}
}

func TestStripWants(t *testing.T) {
	in := "a = 1 # want \"r\"\n  # want +2 \"r\"\nb = <<EOF\n*\nEOF\nc = 2 // want \"other\"\n"
	want := "a = 1 # <- r\nb = <<EOF\n*\nEOF\nc = 2\n"
	if got := stripWants(in, "r"); got != want {
		t.Errorf("stripWants:\n%q\nwant\n%q", got, want)
	}
}

func TestCatalog(t *testing.T) {
	c := Catalog()
	if ByID(c, suppress.RuleID) == nil || len(c) != len(rules.All)+1 {
		t.Errorf("catalog has %d rules (rules.All %d)", len(c), len(rules.All))
	}
	for i := 1; i < len(c); i++ {
		if c[i-1].ID >= c[i].ID {
			t.Errorf("not sorted: %s, %s", c[i-1].ID, c[i].ID)
		}
	}
}

func TestUpdateReadmeNeedsMarkers(t *testing.T) {
	if _, err := UpdateReadme([]byte("no markers"), Catalog()); err == nil {
		t.Error("no error without markers")
	}
}

// TestExampleMarker: a case with an EXAMPLE file is the rule's example
// before a shorter one (sensitive-data-access has shorter cases about
// conditionals), and the marker is not shown as a file of the example.
func TestExampleMarker(t *testing.T) {
	bad, _ := Examples("sensitive-data-access")
	if bad == nil || !strings.HasPrefix(bad.Source, "rules/testdata/sensitive-data-access/cloudsplaining-readme/") {
		t.Fatalf("sensitive-data-access example: %+v", bad)
	}
	for _, f := range bad.Files {
		if f.Name == "EXAMPLE" {
			t.Errorf("the EXAMPLE marker is listed as a file of the example")
		}
	}
	a := &caseFiles{dir: "a", lines: 90, files: []File{{}, {}}, chosen: true}
	b := &caseFiles{dir: "b", lines: 5, files: []File{{}}}
	if !better(a, b) || better(b, a) {
		t.Errorf("better: a case with EXAMPLE does not come before a shorter one")
	}
}
