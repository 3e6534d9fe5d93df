package load

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestBigBinaryFileReadOnlyItsHead: a sparse file named .tf of 256 MB (a
// hostile repository's; 2 GB ones under a raised --max-file-size ran the
// run out of memory) is "Binary file" from its first bytes, and only those
// are read: it was read whole (256 MB allocated; twice, by the call graph's
// scan and by the parse, for a file over 256 MiB). The other files of its
// directory are loaded.
func TestBigBinaryFileReadOnlyItsHead(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_iam_user" "u" {
  name = "x"
}
`)
	f, err := os.Create(filepath.Join(dir, "sparse.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(256 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := load(t, Options{Paths: []string{dir}, MaxFileSize: 1 << 30})
	runtime.ReadMemStats(&after)
	if !hasDiag(res, hcl.DiagError, "Binary file", filepath.Join(dir, "sparse.tf")+":1,1") {
		t.Errorf("no Binary file error: %v", res.Diags)
	}
	if str(t, block(t, res, "aws_iam_user.u").Body.Attr("name")) != "x" {
		t.Error("main.tf not loaded")
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("Load allocated %d MB for a 256 MB binary file; want under 64 MB", got>>20)
	}
}
