package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/load"
)

// renderDirs are the directories whose policy documents the render tests
// read: a generated estate, the odd documents, the test data and the
// shared corpus when present.
func renderDirs(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 20}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(oddDocsSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir, odd, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph")}
	for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
		if d := filepath.Join("..", "..", "..", "shared", "corpus", c); dirExists(d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// TestAsDecodedIsDecodeDoc checks that asDecoded of every rendered
// document is decodeDoc of its texts (and says no when decodeDoc fails).
func TestAsDecodedIsDecodeDoc(t *testing.T) {
	same, refused := 0, 0
	for _, d := range renderDirs(t) {
		res := load.Load(load.Options{Paths: []string{d}, Renderers: Renderers()})
		for _, mod := range res.Modules {
			for _, b := range mod.Blocks {
				if b == nil || b.Mode != "data" || b.Type != policyDocumentType || b.Body == nil || !isKnown(b.Body.Val) || b.Body.Val.IsNull() {
					continue
				}
				doc, err := renderDoc(b.Body.Val)
				if err != nil {
					continue
				}
				min, ind, ok := writeDoc(doc)
				if !ok {
					continue
				}
				got, ok := asDecoded(doc)
				for _, text := range []string{min, ind} {
					want, err := decodeDoc([]byte(text))
					switch {
					case err != nil && ok:
						t.Errorf("%s: decodeDoc fails (%v), asDecoded does not", b.Address, err)
					case err == nil && ok && !reflect.DeepEqual(got, want):
						t.Errorf("%s: asDecoded\n%#v\nwant decodeDoc's\n%#v", b.Address, got, want)
					}
				}
				if ok {
					same++
				} else {
					refused++
				}
			}
		}
	}
	t.Logf("%d documents alike, %d refused", same, refused)
	if same < 30 || refused < 1 {
		t.Errorf("%d documents alike, %d refused: want both ways exercised", same, refused)
	}
}

// TestRenderReuseIsDecoding renders every policy document with the
// rendered documents reused and decoded again: same values.
func TestRenderReuseIsDecoding(t *testing.T) {
	defer func(r bool) { reuseRendered = r }(reuseRendered)
	reused := 0
	for _, d := range renderDirs(t) {
		var got [2][]string
		for i, on := range []bool{true, false} {
			reuseRendered = on
			res := load.Load(load.Options{Paths: []string{d}, Renderers: Renderers()})
			for _, mod := range res.Modules {
				for _, b := range mod.Blocks {
					if b == nil || b.Mode != "data" || b.Type != policyDocumentType || b.Body == nil {
						continue
					}
					v := RenderPolicyDocument(b.Body)
					got[i] = append(got[i], b.Address+" "+v.GoString())
					if on && b.Body.Val.IsKnown() && !b.Body.Val.IsNull() {
						for _, k := range []string{"source_policy_documents", "override_policy_documents"} {
							if l := getAttr(b.Body.Val, k); l.IsWhollyKnown() && !l.IsNull() && l.CanIterateElements() {
								for it := l.ElementIterator(); it.Next(); {
									if _, e := it.Element(); e.Type() == cty.String && !e.IsNull() {
										if _, ok := renderedDoc(e.AsString()); ok {
											reused++
										}
									}
								}
							}
						}
					}
				}
			}
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("%s: rendered documents differ with the rendered documents reused", d)
		}
	}
	if reused < 10 {
		t.Errorf("%d source documents reused: want the reuse exercised", reused)
	}
}
