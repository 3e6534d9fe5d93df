package config

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

// checkRange fails when r is not a place inside src of file name: a line
// and column from 1, byte offsets within src, the start's line the one its
// byte offset is on.
func checkRange(t *testing.T, what string, r hcl.Range, name string, src []byte) {
	t.Helper()
	if r.Filename != name {
		t.Fatalf("%s: file %q, want %q", what, r.Filename, name)
	}
	for _, p := range []hcl.Pos{r.Start, r.End} {
		if p.Line < 1 || p.Column < 1 || p.Byte < 0 || p.Byte > len(src) {
			t.Fatalf("%s: position %+v outside the %d-byte input", what, p, len(src))
		}
	}
	if r.End.Byte < r.Start.Byte {
		t.Fatalf("%s: range %+v ends before it starts", what, r)
	}
	if want := 1 + bytes.Count(src[:r.Start.Byte], []byte{'\n'}); r.Start.Line != want {
		t.Fatalf("%s: start %+v is on line %d", what, r.Start, want)
	}
}

// FuzzConfig parses the input as a .iamlint.hcl: no panic or hang; every
// error is located in the file; Validate, Excluded and ApplyIgnores run on
// what was parsed, and ApplyIgnores (its address index) suppresses each of
// a set of findings at resource exactly as the first unexpired matching
// ignore block does (Ignore.Matches, tested one by one).
func FuzzConfig(f *testing.F) {
	for _, p := range []string{"testdata/good/.iamlint.hcl"} {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src, "module.legacy.aws_iam_policy.p")
		}
	}
	if ms, _ := filepath.Glob("testdata/bad/*"); len(ms) > 0 {
		for _, m := range ms {
			if src, err := os.ReadFile(m); err == nil {
				f.Add(src, "aws_iam_role.gone")
			}
		}
	}
	f.Add([]byte("ignore {\n rule = \"*\"\n address = \"a*b?c\"\n reason = \"r\"\n}\n"), "a.xbyc")
	f.Add([]byte("ignore {\n rule = \"x\"\n address = \"*[0]\"\n reason = \"r\"\n expires = \"2999-01-01\"\n}\nexclude = [\"**/x\"]\n"), "m[0]")
	f.Add([]byte("ignore {\n rule = \"*\"\n address = \"\\u00e9*\\ufffd\"\n reason = \"r\"\n}\n"), "\xc3\xa9a\xff")
	name := filepath.Join("dir", FileName)
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src []byte, resource string) {
		done := watchdog()
		defer done()
		c, diags := Parse(name, src)
		for _, d := range diags {
			if d.Subject == nil {
				t.Fatalf("diagnostic without a place: %s", d.Error())
			}
			checkRange(t, d.Summary, *d.Subject, name, src)
		}
		if c == nil {
			if !diags.HasErrors() {
				t.Fatal("no configuration and no error")
			}
			return
		}
		for _, d := range c.Validate([]string{"wildcard-action", "wildcard-resource"}) {
			if d.Subject != nil {
				checkRange(t, "Validate: "+d.Summary, *d.Subject, name, src)
			}
		}
		c.Excluded(filepath.Join("dir", resource))
		c.Excluded(resource)
		var fs []linter.Finding
		for _, rule := range []string{"wildcard-action", "x", "*"} {
			fs = append(fs, linter.Finding{Rule: rule, Resource: resource})
		}
		kept, supp, problems := c.ApplyIgnores(fs, now)
		if len(kept)+len(supp) != len(fs) {
			t.Fatalf("%d kept + %d suppressed of %d findings", len(kept), len(supp), len(fs))
		}
		for _, p := range problems {
			checkRange(t, "problem "+p.Message, p.Range, name, src)
		}
		today := now.Format("2006-01-02")
		k, s := 0, 0
		for _, f := range fs {
			want := -1
			for i, ig := range c.Ignores {
				if (ig.Expires == "" || ig.Expires >= today) && ig.Matches(f) {
					want = i
					break
				}
			}
			if want < 0 {
				if k >= len(kept) || kept[k].Rule != f.Rule {
					t.Fatalf("finding %s at %q: suppressed, no ignore matches it", f.Rule, f.Resource)
				}
				k++
				continue
			}
			if s >= len(supp) || supp[s].Rule != f.Rule {
				t.Fatalf("finding %s at %q: kept, ignore %d (%q) matches it", f.Rule, f.Resource, want, c.Ignores[want].Address)
			}
			if supp[s].Suppression == nil || supp[s].Suppression.Reason != c.Ignores[want].Reason {
				t.Fatalf("finding %s at %q: suppressed by %+v, want ignore %d", f.Rule, f.Resource, supp[s].Suppression, want)
			}
			s++
		}
	})
}

// watchdog panics with every goroutine's stack when the function it
// returns is not called within a minute: a hang, not a slow machine.
func watchdog() func() {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(time.Minute):
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic("hung:\n" + string(buf[:n]))
		}
	}()
	return func() { close(done) }
}
