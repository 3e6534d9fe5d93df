package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// A plan named twice as the same file under another name (a symbolic link
// to it, a hard link, a name through a linked directory) is linted once,
// under the name it came with first, with a notice at the other name: it
// was linted once per name, each finding reported twice. A copy of the plan
// is another file and is linted on its own.
func TestPlanSameFileLintedOnce(t *testing.T) {
	dir := t.TempDir()
	plan := writeFile(t, dir, "plan.json", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[`+
		`{"address":"aws_iam_policy.a","mode":"managed","type":"aws_iam_policy","name":"a","values":{"name":"a","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]}}}`)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("plan.json", link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	hard := filepath.Join(dir, "hard.json")
	if err := os.Link(plan, hard); err != nil {
		t.Skip("no hard links:", err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "here")); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "copy.json", string(src))
	// Named relative to the current directory, as Lint names the files.
	t.Chdir(dir)
	plan, link, hard, cp := "plan.json", "link.json", "hard.json", "copy.json"
	through := filepath.Join("here", "plan.json")

	opts := linter.Options{Rules: []*linter.Rule{rules.WildcardAction}}
	opts.Paths = []string{plan}
	once := lintBounded(t, 30*time.Second, opts)
	if len(once.Findings) != 1 || len(once.Notices) != 0 {
		t.Fatalf("plan: findings %v, notices %v; want 1 finding, no notice", once.Findings, once.Notices)
	}
	for _, paths := range [][]string{{plan, link}, {link, plan}, {plan, hard}, {hard, plan}, {plan, through}, {plan, link, hard, through}} {
		opts.Paths = paths
		res := lintBounded(t, 30*time.Second, opts)
		want := once.Summary
		want.Notices = len(paths) - 1
		if len(res.Findings) != 1 || res.Summary != want {
			t.Errorf("%q: %d findings, summary %+v; want 1, %+v", paths, len(res.Findings), res.Summary, want)
			continue
		}
		if got := res.Findings[0].Range.Filename; got != filepath.ToSlash(paths[0]) {
			t.Errorf("%q: finding in %s, want %s (the name given first)", paths, got, paths[0])
		}
		at := map[string]bool{}
		for _, n := range res.Notices {
			at[n.File] = true
			if !strings.HasPrefix(n.Message, "Plan named twice: "+n.File+" is the same file as "+paths[0]) || !strings.HasSuffix(n.Message, "it is linted once, as "+paths[0]+".") {
				t.Errorf("%q: notice %+v; want Plan named twice: %s is the same file as %s ... linted once, as %s.", paths, n, n.File, paths[0], paths[0])
			}
		}
		for _, p := range paths[1:] {
			if !at[filepath.ToSlash(p)] {
				t.Errorf("%q: no notice at %s; notices %+v", paths, p, res.Notices)
			}
		}
	}
	opts.Paths = []string{plan, cp}
	if res := lintBounded(t, 30*time.Second, opts); len(res.Findings) != 2 || len(res.Notices) != 0 {
		t.Errorf("plan and a copy: %d findings, notices %v; want 2 and none", len(res.Findings), res.Notices)
	}
}

// Standard input redirected from a plan that is also named (iamlint
// plan.json - < plan.json, in either order) is that plan: linted once, with
// the notice at the second; it was linted twice. Standard input from a copy
// is another file.
func TestPlanStdinSameFileLintedOnce(t *testing.T) {
	dir := t.TempDir()
	plan := writeFile(t, dir, "plan.json", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[`+
		`{"address":"aws_iam_policy.a","mode":"managed","type":"aws_iam_policy","name":"a","values":{"name":"a","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]}}}`)
	src, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	cp := writeFile(t, dir, "copy.json", string(src))
	t.Chdir(dir)
	for _, c := range []struct {
		paths    []string
		stdin    string
		findings int
		noticeAt string
		noticeOf string
	}{
		{[]string{"plan.json", "-"}, plan, 1, "<stdin>", "plan.json"},
		{[]string{"-", "plan.json"}, plan, 1, "plan.json", "<stdin>"},
		{[]string{"plan.json", "-"}, cp, 2, "", ""},
	} {
		f, err := os.Open(c.stdin)
		if err != nil {
			t.Fatal(err)
		}
		opts := linter.Options{Rules: []*linter.Rule{rules.WildcardAction}, Paths: c.paths, Stdin: f}
		res := lintBounded(t, 30*time.Second, opts)
		f.Close()
		if len(res.Findings) != c.findings {
			t.Errorf("%q < %s: %d findings, want %d", c.paths, filepath.Base(c.stdin), len(res.Findings), c.findings)
		}
		if c.noticeAt == "" {
			if len(res.Notices) != 0 {
				t.Errorf("%q < %s: notices %+v, want none", c.paths, filepath.Base(c.stdin), res.Notices)
			}
			continue
		}
		if len(res.Notices) != 1 || res.Notices[0].File != c.noticeAt || !strings.HasPrefix(res.Notices[0].Message, "Plan named twice: "+c.noticeAt+" is the same file as "+c.noticeOf) {
			t.Errorf("%q < %s: notices %+v, want one Plan named twice at %s (same as %s)", c.paths, filepath.Base(c.stdin), res.Notices, c.noticeAt, c.noticeOf)
		}
	}
}
