package linter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestPlanShapeErrorModes: the plans of plan_type_errors.txtar (a member
// of the wrong JSON type, a resource without an address) give the error
// the script expects of the command, at the same line:column, whether the
// plan is loaded whole, streamed or through windows.
func TestPlanShapeErrorModes(t *testing.T) {
	defer func(m, c int, w bool) { planStreamMin, planChunk, planWindowsOn = m, c, w }(planStreamMin, planChunk, planWindowsOn)
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "script", "plan_type_errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	// The first "stdout" line after each "exec exitcode 2 iamlint F.json".
	want := map[string]*regexp.Regexp{}
	var file string
	for _, ln := range strings.Split(string(ar.Comment), "\n") {
		if f, ok := strings.CutPrefix(ln, "exec exitcode 2 iamlint "); ok && strings.HasSuffix(f, ".json") {
			file = f
			continue
		}
		if re, ok := strings.CutPrefix(ln, "stdout '"); ok && file != "" {
			want[file] = regexp.MustCompile(strings.TrimSuffix(re, "'"))
			file = ""
		}
	}
	dir := t.TempDir()
	checked := 0
	for _, f := range ar.Files {
		re := want[f.Name]
		if re == nil || !strings.Contains(re.String(), "Invalid plan") {
			continue
		}
		name := filepath.Join(dir, f.Name)
		if err := os.WriteFile(name, f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, mode := range []string{"whole", "streamed", "windows"} {
			planStreamMin, planChunk, planWindowsOn = 128<<20, 2048, true
			switch mode {
			case "streamed":
				planStreamMin, planWindowsOn = 0, false
			case "windows":
				planStreamMin = 0
			}
			res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{{ID: "r", Severity: High, Check: func(*Pass) {}}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 1 {
				t.Errorf("%s %s: errors %+v", f.Name, mode, res.Errors)
				continue
			}
			e := res.Errors[0]
			got := fmt.Sprintf("%s:%d:%d: error: %s", f.Name, e.Line, e.Column, e.Message)
			if !re.MatchString(got) {
				t.Errorf("%s %s:\n got %s\nwant %s", f.Name, mode, got, re)
			}
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("%d plans checked", checked)
	}
}
