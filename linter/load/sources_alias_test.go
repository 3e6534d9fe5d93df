package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unsafe"
)

// TestSourcesNotReused checks that every file is read into a buffer of its
// own, kept as it was read: the parsed trees (hclfast) and the run's sources
// share those bytes, so a pooled or reused read buffer would rewrite the
// names of files parsed before.
func TestSourcesNotReused(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{}
	for i := range 8 {
		name := filepath.Join(dir, fmt.Sprintf("f%d.tf", i))
		src := fmt.Sprintf("resource \"aws_iam_user\" \"u%d\" {\n  name = \"user-%d\"\n}\n", i, i)
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		want[name] = src
	}
	res := Load(Options{Paths: []string{dir}})
	seen := map[*byte]string{}
	for name, src := range want {
		got, ok := res.Sources[name]
		if !ok || string(got) != src {
			t.Errorf("source of %s = %q, want %q", name, got, src)
			continue
		}
		p := unsafe.SliceData(got)
		if other, dup := seen[p]; dup {
			t.Errorf("%s and %s share a buffer", name, other)
		}
		seen[p] = name
	}
	var addrs []string
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			addrs = append(addrs, b.Address)
		}
	}
	if len(addrs) != len(want) {
		t.Fatalf("blocks %v, want %d", addrs, len(want))
	}
	for i, a := range addrs {
		if w := fmt.Sprintf("aws_iam_user.u%d", i); a != w {
			t.Errorf("block %d is %s, want %s", i, a, w)
		}
	}
}
