package load

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestPreReadHandedOver: the files the call graph's scan reads are parsed
// from the bytes it read (each file read once), a file that no root parses
// (a source string in a comment, or past preReadMax) is not in the result,
// and the result is that of a load without the scan.
func TestPreReadHandedOver(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "root/main.tf", `module "m" {
  source = "../mod"
}
# source = "../unused"
resource "aws_iam_user" "u" {
  name = "u"
}
`)
	write(t, dir, "mod/main.tf", `resource "aws_iam_role" "r" {
  name = "r"
}
`)
	write(t, dir, "unused/main.tf", `resource "aws_iam_user" "x" {
  name = "x"
}
`)
	root := filepath.Join(dir, "root")
	l := newLoader(Options{Paths: []string{root}})
	l.callGraph([]string{root})
	pre := map[string][]byte{}
	for n, src := range l.pre {
		pre[n] = src
	}
	for _, n := range []string{"root/main.tf", "mod/main.tf", "unused/main.tf"} {
		if _, ok := pre[filepath.Join(dir, n)]; !ok {
			t.Errorf("%s not kept by the scan", n)
		}
	}
	for _, d := range []string{"root", "mod"} {
		if l.config(filepath.Join(dir, d)) == nil {
			t.Fatalf("%s: no configuration", d)
		}
		name := filepath.Join(dir, d, "main.tf")
		if src := l.sources[name]; len(src) == 0 || &src[0] != &pre[name][0] {
			t.Errorf("%s read again, not parsed from the scan's bytes", name)
		}
		if _, ok := l.pre[name]; ok {
			t.Errorf("%s still kept after its parse", name)
		}
	}

	// Load with and without the scan: the same files and sources.
	with := Load(Options{Paths: []string{root}, Calls: func([]string, map[string][]string, bool) {}})
	without := Load(Options{Paths: []string{root}})
	if !slices.Equal(with.Files, without.Files) || len(with.Sources) != len(without.Sources) {
		t.Errorf("files %q with the scan, %q without", with.Files, without.Files)
	}
	if slices.Contains(with.Files, filepath.Join(dir, "unused", "main.tf")) {
		t.Error("a file only the scan read is in the result")
	}
	for n, src := range without.Sources {
		if string(with.Sources[n]) != string(src) {
			t.Errorf("%s: sources differ", n)
		}
	}
}

// TestPreReadBound: the scan keeps no more than preReadMax bytes.
func TestPreReadBound(t *testing.T) {
	l := newLoader(Options{})
	big := make([]byte, preReadMax/2+1)
	l.keepPre("a", big)
	l.keepPre("b", big)
	l.keepPre("c", []byte("x"))
	if _, ok := l.pre["b"]; ok || l.preBytes != int64(len(big))+1 {
		t.Errorf("kept %d bytes (%d files), want %d", l.preBytes, len(l.pre), len(big)+1)
	}
}
