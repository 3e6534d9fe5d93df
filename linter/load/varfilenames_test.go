package load

import (
	"os"
	"slices"
	"testing"
)

// TestVarFileNames: the names --var-files are read under. A file named in
// several spellings (./x, x, through a link) is read under its first one
// (cleaned when the clean name is the same file), and so is a name that
// nothing can be read at, named again in a spelling whose clean name is
// the same path (./nope.tfvars nope.tfvars: one error); a name that may
// not be the same path as its clean name is kept (a ".." element, a '/'
// or "." at its end, which ask for a directory: dev.tfvars/ is no file,
// though dev.tfvars is).
func TestVarFileNames(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("dev.tfvars", []byte("a = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("dev.tfvars", "link.tfvars"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("gone.tfvars", "dangling.tfvars"); err != nil {
		t.Fatal(err)
	}
	in := []string{"./dev.tfvars", "link.tfvars", "dev.tfvars",
		"./nope.tfvars", "nope.tfvars", ".//nope.tfvars", ".//sub//./nope.tfvars", "sub/nope.tfvars", "./dangling.tfvars", "dangling.tfvars",
		"a/../nope.tfvars", "dev.tfvars/", "dev.tfvars/.", "sub/..", "", ""}
	want := []string{"dev.tfvars", "dev.tfvars", "dev.tfvars",
		"./nope.tfvars", "./nope.tfvars", "./nope.tfvars", ".//sub//./nope.tfvars", ".//sub//./nope.tfvars", "./dangling.tfvars", "./dangling.tfvars",
		"a/../nope.tfvars", "dev.tfvars/", "dev.tfvars/.", "sub/..", "", ""}
	names, stats := varFileNames(in)
	if !slices.Equal(names, want) {
		t.Errorf("names\n got %q\nwant %q", names, want)
	}
	for i, st := range stats {
		if (st != nil) != (i < 3) {
			t.Errorf("%q: stat %v", in[i], st)
		}
	}
}
