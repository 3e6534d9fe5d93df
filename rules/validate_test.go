package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
)

var idRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks the rule values and their test data: unique lower-kebab
// IDs, a title, Why/Fix docs with https links, a severity, a Check, and a
// testdata/<id> folder with at least one case expecting a finding of the rule
// and one clean case.
func Validate(rs []*linter.Rule, testdata string) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	seen := map[string]bool{}
	for i, r := range rs {
		if r == nil {
			bad("rule %d is nil", i)
			continue
		}
		id := r.ID
		switch {
		case !idRE.MatchString(id):
			bad("rule %d: ID %q is not lower-kebab-case", i, id)
		case seen[id]:
			bad("%s: duplicate ID", id)
		}
		seen[id] = true
		if strings.TrimSpace(r.Title) == "" {
			bad("%s: no title", id)
		}
		if strings.TrimSpace(r.Doc.Why) == "" || strings.TrimSpace(r.Doc.Fix) == "" {
			bad("%s: Doc.Why and Doc.Fix are required", id)
		}
		if len(r.Doc.Links) == 0 {
			bad("%s: no Doc.Links", id)
		}
		for _, l := range r.Doc.Links {
			if !strings.HasPrefix(l, "https://") {
				bad("%s: link %q is not https", id, l)
			}
		}
		if r.Severity < linter.Low || r.Severity > linter.Critical {
			bad("%s: severity %v not set", id, r.Severity)
		}
		if r.Check == nil {
			bad("%s: no Check", id)
		}
		cases, err := caseDirs(filepath.Join(testdata, id))
		if err != nil {
			bad("%s: no testdata folder: %v", id, err)
			continue
		}
		finding, clean := false, false
		for _, c := range cases {
			ws, err := collectWants(c)
			if err != nil {
				bad("%s: %v", id, err)
				continue
			}
			if len(ws) == 0 {
				clean = true
			}
			for _, w := range ws {
				if w.Rule == id {
					finding = true
				} else {
					bad("%s: %s wants a finding of another rule (%s)", id, c, w.Rule)
				}
			}
		}
		if !finding {
			bad("%s: no test case expects a finding", id)
		}
		if !clean {
			bad("%s: no clean test case (one without wants)", id)
		}
	}
	ents, _ := os.ReadDir(testdata)
	for _, e := range ents {
		if e.IsDir() && !seen[e.Name()] {
			bad("testdata/%s: no rule with that ID", e.Name())
		}
	}
	return errs
}

func TestValidate(t *testing.T) {
	for _, err := range Validate(All, "testdata") {
		t.Error(err)
	}
}

func TestAllSortedAndByID(t *testing.T) {
	if !sort.SliceIsSorted(All, func(i, j int) bool { return All[i].ID < All[j].ID }) {
		t.Error("All is not sorted by ID")
	}
	// The rule catalog (RULES.md), plus the runner's own invalid-suppression.
	catalog := map[string]bool{}
	for _, id := range []string{
		"wildcard-action", "wildcard-service-action", "wildcard-resource", "not-action-allow",
		"not-resource-allow", "wildcard-principal", "not-principal-allow",
		"user-access-key", "user-direct-policy", "console-user", "hardcoded-credentials",
		"mfa-not-enforced", "trust-without-mfa", "mfa-condition-ineffective",
		"oidc-trust-unscoped", "cross-account-trust-unscoped",
		"privilege-escalation", "passrole-wildcard", "admin-policy-attached",
		"password-policy-weak",
		"policy-invalid", "unknown-action", "policy-version", "sensitive-data-access", "policy-too-large",
		"invalid-suppression",
	} {
		catalog[id] = true
	}
	// Every rule of the first two phases must be registered.
	required := []string{"not-action-allow", "not-principal-allow", "not-resource-allow", "wildcard-action",
		"wildcard-principal", "wildcard-resource", "wildcard-service-action",
		"user-access-key", "user-direct-policy", "console-user", "hardcoded-credentials",
		"mfa-not-enforced", "trust-without-mfa", "mfa-condition-ineffective", "oidc-trust-unscoped",
		"privilege-escalation", "passrole-wildcard", "admin-policy-attached", "password-policy-weak"}
	for _, r := range All {
		if !catalog[r.ID] {
			t.Errorf("rule %q is not in the RULES.md catalog", r.ID)
		}
		if ByID(r.ID) != r {
			t.Errorf("ByID(%q) is not the rule", r.ID)
		}
	}
	for _, id := range required {
		if ByID(id) == nil {
			t.Errorf("rule %q is missing from All", id)
		}
	}
	if ByID("no-such-rule") != nil {
		t.Error("ByID of an unknown ID is not nil")
	}
}

func TestValidateCatchesBadRules(t *testing.T) {
	bad := []*linter.Rule{
		{ID: "Bad_ID", Check: func(*linter.Pass) {}},
		{ID: "wildcard-action", Title: "x", Severity: linter.High, Doc: linter.Doc{Why: "w", Fix: "f", Links: []string{"http://x"}}},
		{ID: "wildcard-action", Title: "x", Severity: linter.High, Doc: linter.Doc{Why: "w", Fix: "f", Links: []string{"https://x"}}, Check: func(*linter.Pass) {}},
	}
	errs := Validate(bad, "testdata")
	text := fmt.Sprint(errs)
	for _, s := range []string{"not lower-kebab-case", "no title", "Doc.Why", "severity", "no Check", "not https", "duplicate ID", "no testdata folder"} {
		if !strings.Contains(text, s) {
			t.Errorf("Validate did not report %q; got %v", s, errs)
		}
	}
}

// TestWantTargets checks that every want points at an existing, non-blank
// line, and logs the line (go test -v) so the annotations can be reviewed.
func TestWantTargets(t *testing.T) {
	for _, r := range All {
		cases, _ := caseDirs(filepath.Join("testdata", r.ID))
		for _, c := range cases {
			ws, err := collectWants(c)
			if err != nil {
				t.Error(err)
				continue
			}
			for _, w := range ws {
				src, err := os.ReadFile(w.File)
				if err != nil {
					t.Error(err)
					continue
				}
				lines := strings.Split(string(src), "\n")
				if w.Line > len(lines) || strings.TrimSpace(lines[w.Line-1]) == "" {
					t.Errorf("%s:%d: want %s points at no line", rel(w.File), w.Line, w.Rule)
					continue
				}
				t.Logf("%s:%d: %-24s| %s", rel(w.File), w.Line, w.Rule, strings.TrimSpace(lines[w.Line-1]))
			}
		}
	}
}
