package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestUnknownsDuplicateKeys: in after_unknown, as in a JSON object decoded
// into a map, the last member of a key wins (members that are false or
// null are not recorded), in small and big objects.
func TestUnknownsDuplicateKeys(t *testing.T) {
	for _, n := range []int{2, maxScannedAttrs + 4} {
		var b strings.Builder
		b.WriteString(`{"a":true,`)
		for k := range n {
			fmt.Fprintf(&b, `"k%d":true,`, k)
		}
		b.WriteString(`"a":{"y":true},"k0":false,"k1":{"z":[true]}}`)
		s := newScanner("u.json", []byte(b.String()))
		tree, _ := s.unknowns(0)
		if got := len(tree.allAttrs()); got != n+1 {
			t.Errorf("%d keys: %d attributes, want %d", n, got, n+1)
		}
		if a := tree.attr("a"); a == nil || a.all || a.attr("y") != allUnknown {
			t.Errorf("%d keys: a is not the last member: %+v", n, a)
		}
		if tree.attr("k0") != allUnknown {
			t.Errorf("%d keys: k0 false overrode true", n)
		}
		if k1 := tree.attr("k1"); k1 == nil || k1.attr("z").elem(0) != allUnknown {
			t.Errorf("%d keys: k1 is not the last member", n)
		}
		seen := map[string]bool{}
		for _, a := range tree.allAttrs() {
			if seen[a.key] {
				t.Errorf("%d keys: %s twice", n, a.key)
			}
			seen[a.key] = true
		}
	}
}

// TestSensitiveMarks: Plan.Sensitive holds the values after_sensitive marks
// (true, or a mark of another shape than the value), and nothing for the
// trees that mark nothing ({}, [false], nested empty objects).
func TestSensitiveMarks(t *testing.T) {
	src := `{"format_version":"1.2","resource_changes":[{"address":"x.y","mode":"managed","type":"x","name":"y","change":{"actions":["create"],` +
		`"after":{"a":"A","b":"B","t":{"k":"K","j":"J"},"l":["P","Q"],"e":{"m":{"n":"N"}},"s":"S"},` +
		`"after_sensitive":{"a":true,"t":{"j":true},"l":[false,true],"e":{"m":{}},"b":{},"s":[false]}}}]}`
	p, diags := Load("s.json", []byte(src), Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, r := range p.Sensitive {
		got = append(got, src[r[0]:r[1]])
	}
	want := []string{`"A"`, `"B"`, `"J"`, `"Q"`, `"S"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sensitive %v, want %v", got, want)
	}
}

// TestSharedTypes: the values the loader builds around shared types
// (ctyfast.go) are those cty's constructors make, on the plans of the test
// data, a generated plan and, when present, the corpus's plans.
func TestSharedTypes(t *testing.T) {
	if !fastCty {
		t.Fatal("cty.Value does not have the expected layout: values are made by cty's constructors (slower, bigger)")
	}
	srcs := map[string][]byte{"gen": genPlan(1 << 20)}
	files, _ := filepath.Glob("testdata/*.json")
	corpus, _ := filepath.Glob("../../../shared/corpus/plans/*/*.json")
	for _, f := range append(files, corpus...) {
		if b, err := os.ReadFile(f); err == nil && IsPlan(b) {
			srcs[f] = b
		}
	}
	t.Logf("%d plans", len(srcs))
	for name, src := range srcs {
		for _, opts := range []Options{{}, {SkipBefore: true}} {
			fast, d1 := Load(name, src, opts)
			fastCty = false
			slow, d2 := Load(name, src, opts)
			fastCty = true
			if d1.HasErrors() != d2.HasErrors() {
				t.Fatalf("%s: errors %v vs %v", name, d1, d2)
			}
			if fast == nil {
				continue
			}
			for _, pair := range [][2]*eval.Result{{fast.After, slow.After}, {fast.Before, slow.Before}} {
				a, b := blocksOf(pair[0]), blocksOf(pair[1])
				if len(a) != len(b) {
					t.Fatalf("%s: %d blocks vs %d", name, len(a), len(b))
				}
				for i := range a {
					if a[i].Body == nil || b[i].Body == nil {
						if (a[i].Body == nil) != (b[i].Body == nil) {
							t.Errorf("%s %s: body vs none", name, a[i].Address)
						}
						continue
					}
					va, vb := a[i].Body.Val, b[i].Body.Val
					if !va.Type().Equals(vb.Type()) || !va.RawEquals(vb) {
						t.Errorf("%s %s: %#v\nwant %#v", name, a[i].Address, va, vb)
					}
				}
			}
		}
	}
}

func blocksOf(r *eval.Result) []*eval.Block {
	if r == nil {
		return nil
	}
	var out []*eval.Block
	for _, m := range r.Modules {
		out = append(out, m.Blocks...)
	}
	return out
}
