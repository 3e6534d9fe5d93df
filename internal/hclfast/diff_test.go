package hclfast

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"golang.org/x/tools/txtar"
)

func init() { strict = true }

// diff returns a readable path to the first difference between a and b
// (walking unexported fields too), or "" when they are deeply equal.
func diff(a, b any) string {
	return walk(reflect.ValueOf(a), reflect.ValueOf(b), "Body", map[[2]uintptr]bool{})
}

func walk(a, b reflect.Value, path string, seen map[[2]uintptr]bool) string {
	if a.IsValid() != b.IsValid() {
		return fmt.Sprintf("%s: validity %v vs %v", path, a.IsValid(), b.IsValid())
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: type %s (hclsyntax) vs %s (hclfast)", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %v vs %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		k := [2]uintptr{a.Pointer(), b.Pointer()}
		if seen[k] {
			return ""
		}
		seen[k] = true
		return walk(a.Elem(), b.Elem(), path, seen)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %v vs %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		return walk(a.Elem(), b.Elem(), path, seen)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := walk(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name, seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil slice %v vs %v", path, a.IsNil(), b.IsNil())
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: len %d vs %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := walk(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i), seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil map %v vs %v", path, a.IsNil(), b.IsNil())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: map len %d vs %d", path, a.Len(), b.Len())
		}
		it := a.MapRange()
		for it.Next() {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() {
				return fmt.Sprintf("%s[%v]: missing in hclfast", path, it.Key())
			}
			if d := walk(it.Value(), bv, fmt.Sprintf("%s[%v]", path, it.Key()), seen); d != "" {
				return d
			}
		}
		return ""
	case reflect.Func:
		if a.IsNil() != b.IsNil() || !a.IsNil() && a.Pointer() != b.Pointer() {
			return path + ": func differs"
		}
		return ""
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q vs %q", path, a.String(), b.String())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s: %v vs %v", path, a.Bool(), b.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d vs %d", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s: %d vs %d", path, a.Uint(), b.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			return fmt.Sprintf("%s: %v vs %v", path, a.Float(), b.Float())
		}
	default:
		return path + ": unhandled kind " + a.Kind().String()
	}
	return ""
}

// check enforces the contract on one input and reports whether the fast
// path took it.
func check(t testing.TB, src []byte, name string) bool {
	t.Helper()
	f := ParseConfig(src, name)
	if f == nil {
		return false
	}
	want, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if len(diags) > 0 {
		t.Errorf("%s: hclfast accepted input on which hclsyntax reports %v\n%s", name, diags, src)
		return true
	}
	if d := diff(want.Body, f.Body); d != "" {
		t.Errorf("%s: AST differs at %s\n%s", name, d, src)
	} else if !reflect.DeepEqual(want.Body, f.Body) {
		t.Errorf("%s: not DeepEqual, but the walker found no difference", name)
	}
	if string(f.Bytes) != string(src) {
		t.Errorf("%s: Bytes differ", name)
	}
	return true
}

const sharedCorpus = "../../../shared/corpus"

// tfInputs returns the .tf files under dir and the .tf files embedded in
// .txtar archives under dir, as name -> content.
func tfInputs(t testing.TB, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasSuffix(path, ".tf"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out[path] = b
		case strings.HasSuffix(path, ".txtar"):
			ar, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".tf") {
					out[path+"/"+f.Name] = f.Data
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDifferentialCorpus(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skip("no ../shared/corpus")
	}
	ents, err := os.ReadDir(sharedCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			diffCoverage(t, tfInputs(t, filepath.Join(sharedCorpus, e.Name())))
		})
	}
}

func TestDifferentialTestdata(t *testing.T) {
	all := map[string][]byte{}
	for _, dir := range []string{"../../testdata", "../../linter", "../../rules", "../../cmd", "../../examples"} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for k, v := range tfInputs(t, dir) {
			all[k] = v
		}
	}
	if len(all) == 0 {
		t.Fatal("no testdata .tf found")
	}
	diffCoverage(t, all)
}

// TestDifferentialDirs checks the .tf files under the directories listed in
// $HCLFAST_DIRS (colon-separated), e.g. a generated estate.
func TestDifferentialDirs(t *testing.T) {
	dirs := os.Getenv("HCLFAST_DIRS")
	if dirs == "" {
		t.Skip("HCLFAST_DIRS not set")
	}
	for _, dir := range filepath.SplitList(dirs) {
		diffCoverage(t, tfInputs(t, dir))
	}
}

func diffCoverage(t *testing.T, files map[string][]byte) {
	fast, bytesAll, bytesFast := 0, 0, 0
	var slow []string
	for name, src := range files {
		bytesAll += len(src)
		if check(t, src, name) {
			fast++
			bytesFast += len(src)
		} else {
			slow = append(slow, name)
		}
	}
	if len(files) == 0 {
		return
	}
	t.Logf("fast path: %d/%d files (%.1f%%), %.1f%% of bytes", fast, len(files),
		100*float64(fast)/float64(len(files)), 100*float64(bytesFast)/float64(max(bytesAll, 1)))
	if testing.Verbose() && os.Getenv("HCLFAST_SLOW") != "" {
		for _, s := range slow {
			t.Log("fallback:", s)
		}
	}
}
