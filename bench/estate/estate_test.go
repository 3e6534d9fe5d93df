package estate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	sa, err := Generate(a, Options{Files: 25, FileSize: 3000})
	if err != nil {
		t.Fatal(err)
	}
	sb, err := Generate(b, Options{Files: 25, FileSize: 3000})
	if err != nil {
		t.Fatal(err)
	}
	if sa != sb || sa.Roots != 3 || sa.Files != 30 || sa.Policies == 0 {
		t.Fatalf("stats %+v %+v", sa, sb)
	}
	var n int
	var size int64
	werr := filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		n++
		size += info.Size()
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		if info.Size() < 3000 {
			t.Errorf("%s is %d bytes, want at least 3000", rel, info.Size())
		}
		return nil
	})
	if werr != nil {
		t.Fatal(werr)
	}
	if n != sa.Files || size != sa.Bytes {
		t.Errorf("%d files of %d bytes on disk, stats say %+v", n, size, sa)
	}
}

func TestWritePlan(t *testing.T) {
	var buf bytes.Buffer
	st, err := WritePlan(&buf, 200<<10)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) || st.Bytes < 200<<10 || st.Resources == 0 {
		t.Fatalf("stats %+v, %d bytes written", st, buf.Len())
	}
	var doc struct {
		FormatVersion   string `json:"format_version"`
		ResourceChanges []struct {
			Address string
			Change  struct{ After map[string]any }
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.FormatVersion != "1.2" || len(doc.ResourceChanges) != st.Resources {
		t.Fatalf("format %q, %d changes, stats %+v", doc.FormatVersion, len(doc.ResourceChanges), st)
	}
	var pol map[string]any
	if err := json.Unmarshal([]byte(doc.ResourceChanges[1].Change.After["policy"].(string)), &pol); err != nil {
		t.Errorf("policy is not JSON: %v", err)
	}
	// Module addresses one, two and three calls deep.
	depths := map[int]int{}
	for _, rc := range doc.ResourceChanges {
		depths[strings.Count(rc.Address, "module.")]++
	}
	if depths[1] == 0 || depths[2] == 0 || depths[3] == 0 || depths[0] != 0 {
		t.Errorf("resources by module depth: %v, want some at 1, 2 and 3", depths)
	}
}

func TestGenerateIAMEvery(t *testing.T) {
	all, mixed := t.TempDir(), t.TempDir()
	sa, err := Generate(all, Options{Files: 60, FileSize: 2000})
	if err != nil {
		t.Fatal(err)
	}
	sm, err := Generate(mixed, Options{Files: 60, FileSize: 2000, IAMEvery: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sm.Roots != 6 || sm.Files != 60 || sm.Policies != sa.Policies/3 {
		t.Fatalf("IAMEvery 3: %+v, every root IAM: %+v; want 6 roots, 60 files, a third of the policies", sm, sa)
	}
	for r := 0; r < sm.Roots; r++ {
		dir := filepath.Join(mixed, fmt.Sprintf("r%05d", r))
		var iam, files int
		werr := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			files++
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte(`"aws_iam_`)) {
				iam++
			}
			if info.Size() < 2000 {
				t.Errorf("%s is %d bytes, want at least 2000", p, info.Size())
			}
			return nil
		})
		if werr != nil {
			t.Fatal(werr)
		}
		if files != FilesPerRoot {
			t.Errorf("root %d has %d files, want %d", r, files, FilesPerRoot)
		}
		if wantIAM := r%3 == 0; (iam > 0) != wantIAM {
			t.Errorf("root %d: %d files with IAM resources; IAM root: %v", r, iam, wantIAM)
		}
	}
}

// TestGenerateSharedModules: with SharedModules, IAM roots call shared module
// directories (root r calls modules/t<r mod N>) and hold no copy of their own,
// the shared modules' policies are counted once, and there are at least Files
// files.
func TestGenerateSharedModules(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, Options{Files: 40, FileSize: 2000, SharedModules: 2})
	if err != nil {
		t.Fatal(err)
	}
	// 2 shared modules of 2 files, then roots of 8 files up to 40 files: 5 roots.
	if st.Files != 44 || st.Roots != 5 {
		t.Fatalf("stats %+v, want 44 files in 5 roots", st)
	}
	for r := 0; r < st.Roots; r++ {
		main, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("r%05d", r), "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`source   = "../modules/t%03d"`, r%2)
		if !strings.Contains(string(main), want) {
			t.Errorf("root %d main.tf does not call %s", r, want)
		}
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("r%05d", r), "modules")); !os.IsNotExist(err) {
			t.Errorf("root %d has modules of its own (%v)", r, err)
		}
	}
	one := t.TempDir()
	so, err := Generate(one, Options{Files: 10, FileSize: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"t000", "t001"} {
		for _, f := range []string{"main.tf", "modules/policy/main.tf"} {
			got, err := os.ReadFile(filepath.Join(dir, "modules", k, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			// A shared module is the same text as a root's own copy.
			want, err := os.ReadFile(filepath.Join(one, "r00000", "modules", "team", filepath.FromSlash(f)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("modules/%s/%s differs from a root's own team module (%v)", k, f, err)
			}
		}
	}
	// Policies: 5 roots without modules plus 2 modules, each counted once.
	g := &gen{size: 2000}
	g.teamTF()
	g.policyModTF()
	if want := 5*(so.Policies-g.policies) + 2*g.policies; st.Policies != want {
		t.Errorf("policies %d, want %d (a full root has %d, the modules %d)", st.Policies, want, so.Policies, g.policies)
	}
}

// TestWriteFullPlan: a full plan has each resource of resource_changes in
// planned_values too, with the change's after values, in the tree of its
// module instances; its size is about the target.
func TestWriteFullPlan(t *testing.T) {
	var buf bytes.Buffer
	st, err := WriteFullPlan(&buf, 400<<10)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) || st.Bytes < 360<<10 || st.Bytes > 440<<10 {
		t.Fatalf("stats %+v, %d bytes written, want about %d", st, buf.Len(), 400<<10)
	}
	type module struct {
		Address   string
		Resources []struct {
			Address string
			Values  map[string]any
		}
		ChildModules []json.RawMessage `json:"child_modules"`
	}
	var doc struct {
		ResourceChanges []struct {
			Address       string
			ModuleAddress string `json:"module_address"`
			Type          string
			Change        struct{ After map[string]any }
		} `json:"resource_changes"`
		PlannedValues struct {
			RootModule module `json:"root_module"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.ResourceChanges) != st.Resources {
		t.Fatalf("%d changes, stats %+v", len(doc.ResourceChanges), st)
	}
	planned := map[string]map[string]any{}
	var walk func(m module, parent string, root bool)
	walk = func(m module, parent string, root bool) {
		if root && m.Address != "" || !root && !strings.HasPrefix(m.Address, strings.TrimPrefix(parent+".", ".")+"module.") {
			t.Errorf("module %q in %q", m.Address, parent)
		}
		for _, r := range m.Resources {
			if !strings.HasPrefix(r.Address, m.Address+".") {
				t.Errorf("resource %q in module %q", r.Address, m.Address)
			}
			planned[r.Address] = r.Values
		}
		for _, raw := range m.ChildModules {
			var c module
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			walk(c, m.Address, false)
		}
	}
	walk(doc.PlannedValues.RootModule, "", true)
	users := 0
	for _, rc := range doc.ResourceChanges {
		v, ok := planned[rc.Address]
		if !ok {
			t.Fatalf("%s is not in planned_values", rc.Address)
		}
		if !reflect.DeepEqual(v, rc.Change.After) {
			t.Errorf("%s: planned values %v, after %v", rc.Address, v, rc.Change.After)
		}
		if rc.Type == "aws_iam_user_policy" {
			users++
		}
	}
	if len(planned) != len(doc.ResourceChanges) || users == 0 {
		t.Errorf("%d planned resources, %d changes, %d user policies", len(planned), len(doc.ResourceChanges), users)
	}
}
