package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStrayBytes(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{`a = 1`, 0},
		{`a = "$ ' ; @ ` + "`" + ` \" ^"`, 0},
		{"a = \"${b[\"$\"]}$\" # $ ; '\n// '\n/* $\n$ */ b = 1", 0},
		{"a = \"x ${ {k = \"'\"}[\"k\"] } '\"\n", 0},
		{"a = <<EOT\n$ ' ; ${b} }\n  EOT\nc = 1", 0},
		{"a = <<-EOT\n  ${<<X\n'\nX\n} ;\n  EOT\n", 0},
		{"a = \"%{ if x }'%{ endif }$${'\"", 0},
		{"a = $b;", 2},
		{"a = \"x\ny'\"", 1}, // a quoted string ends at its line's end (an error anyway)
		{"a = <<EOT\n'\nEOT\n'", 1},
		{"$$$\x00\x01", 5},
		{"\t\r\n", 0},
	} {
		if _, n := strayBytes([]byte(c.src), 0); n != c.want {
			t.Errorf("strayBytes(%q) = %d, want %d", c.src, n, c.want)
		}
	}
}

func TestNotHCL(t *testing.T) {
	if ds := notHCL([]byte(strings.Repeat("a = 1;\n", maxStrayBytes)), "x.tf"); ds != nil {
		t.Errorf("%d stray bytes refused: %v", maxStrayBytes, ds)
	}
	src := []byte("# x\n" + strings.Repeat("$", maxStrayBytes+1))
	ds := notHCL(src, "x.tf")
	if len(ds) != shownStrayBytes+1 {
		t.Fatalf("got %d diagnostics, want %d", len(ds), shownStrayBytes+1)
	}
	if r := ds[0].Subject; r.Start.Line != 2 || r.Start.Column != 1 || r.Start.Byte != 4 {
		t.Errorf("first at %v, want 2:1 (byte 4)", r.Start)
	}
	last := ds[len(ds)-1]
	if last.Summary != "Not HCL" || !strings.Contains(last.Detail, "has 10001 characters") {
		t.Errorf("last diagnostic %q: %q", last.Summary, last.Detail)
	}
}

// TestStrayBytesCorpus checks that no file of the shared corpus (real
// Terraform, tools' test cases, hand-made inputs) has near maxStrayBytes
// stray bytes: the pre-scan must never refuse a Terraform file. Set
// IAMLINT_STRAY_DIRS (list of directories) to check others.
func TestStrayBytesCorpus(t *testing.T) {
	dirs := filepath.SplitList(os.Getenv("IAMLINT_STRAY_DIRS"))
	if len(dirs) == 0 {
		dirs = []string{filepath.Dir(realCorpus)}
	}
	files, most, mostAt := 0, 0, ""
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("%s: %v", dir, err)
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tofu") || strings.HasSuffix(path, ".tfvars")) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			files++
			_, n := strayBytes(src, 0)
			if n > most {
				most, mostAt = n, path
			}
			if notHCL(src, path) != nil {
				t.Errorf("%s refused (%d stray bytes)", path, n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d files, most stray bytes %d (%s)", files, most, mostAt)
}
