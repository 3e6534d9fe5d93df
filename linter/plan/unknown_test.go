package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/eval"
)

// TestUnknownsDuplicateKeys: in after_unknown, as in a JSON object decoded
// into a map, the last member of a key wins, in small and big objects,
// also when it marks nothing (false, null: k0 is then known; it was
// unknown, the false member not recorded, although the notice of the
// duplicate key says the last one counts). Each duplicate is a notice.
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
		if got := len(tree.allAttrs()); got != n {
			t.Errorf("%d keys: %d attributes, want %d", n, got, n)
		}
		if got := dupNotices(s.dups); fmt.Sprint(got) != fmt.Sprintf("[1:%d \"a\" 1:%d \"k0\" 1:%d \"k1\"]",
			strings.Index(b.String(), `"a":{`)+1, strings.Index(b.String(), `"k0":false`)+1, strings.Index(b.String(), `"k1":{`)+1) {
			t.Errorf("%d keys: notices %q", n, got)
		}
		if a := tree.attr("a"); a == nil || a.all || a.attr("y") != allUnknown {
			t.Errorf("%d keys: a is not the last member: %+v", n, a)
		}
		if tree.attr("k0") != nil {
			t.Errorf("%d keys: k0 true, not its last member false", n)
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

	// Duplicate keys: every member of a key of after is marked, by the
	// last mark of after_sensitive for it that is not false or null;
	// after given twice, the last one (read as the change's value).
	src = `{"format_version":"1.2","resource_changes":[{"address":"x.y","mode":"managed","type":"x","name":"y","change":{"actions":["create"],` +
		`"after":{"a":"OLD"},"after_sensitive":{"a":true,"b":false,"b":{"k":true},"c":true,"c":false,"d":{},"d":true},` +
		`"after":{"a":"A1","b":{"k":"K1"},"a":"A2","c":"C","d":"D","b":{"k":"K2"},"e":"E"}}}]}`
	p, diags = Load("s.json", []byte(src), Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got = nil
	for _, r := range p.Sensitive {
		got = append(got, src[r[0]:r[1]])
	}
	want = []string{`"A1"`, `"K1"`, `"A2"`, `"C"`, `"D"`, `"K2"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("duplicates: sensitive %v, want %v", got, want)
	}

	// planned_values and prior_state: sensitive_values marks values (the
	// last one not null), wherever it is among the members.
	src = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` +
		`{"address":"x.a","mode":"managed","type":"x","name":"a","sensitive_values":{"p":true,"t":{"k":true}},"values":{"p":"P1","t":{"k":"K1"},"p":"P2"}},` +
		`{"address":"x.b","mode":"managed","type":"x","name":"b","values":{"q":"OLD"},"sensitive_values":{"q":true},"values":{"q":"Q"},"values":null}]}},` +
		`"prior_state":{"values":{"root_module":{"resources":[{"address":"data.x.c","mode":"data","type":"x","name":"c","values":{"s":"S","u":["U0","U1"]},"sensitive_values":{"u":[true,false]}}]}}}}`
	p, diags = Load("s.json", []byte(src), Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got = nil
	for _, r := range p.Sensitive {
		got = append(got, src[r[0]:r[1]])
	}
	want = []string{`"P1"`, `"K1"`, `"P2"`, `"Q"`, `"U0"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("planned_values, prior_state: sensitive %v, want %v", got, want)
	}
}

// TestSharedTypes: the values the loader builds around shared types
// (ctyfast.go) are those cty's constructors make, on the plans of the test
// data, a generated plan and, when present, the corpus's plans.
func TestSharedTypes(t *testing.T) {
	if !ctyraw.Fast() {
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
			restore := ctyraw.SetFast(false)
			slow, d2 := Load(name, src, opts)
			restore()
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

// TestUnknownsArena: the trees of after_unknown are made in an arena that
// serves change after change (unkArena, reset after each build); loaded
// on every CPU and one by one, each change's body has the unknowns of its
// own after_unknown (nested objects, arrays, big objects), never those of
// the change built before it with the same scratch.
func TestUnknownsArena(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	const n = 3 * minParallelJobs
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		// Change i has the unknown attribute u<i>, a nested block whose
		// attribute n<i%7> is unknown, and (every 5th) a big object (whose
		// after_unknown is indexed by a map: unknownTree.index).
		fmt.Fprintf(&b, `{"address":"x.r%d","mode":"managed","type":"x","name":"r%d","change":{"actions":["create"],`, i, i)
		big := ""
		if i%5 == 0 {
			big = `,"big":{`
			for k := range 2 * maxScannedAttrs {
				if k > 0 {
					big += ","
				}
				big += fmt.Sprintf(`"b%d":"x"`, k)
			}
			big += "}"
		}
		fmt.Fprintf(&b, `"after":{"k":"v%d","blk":[{"a":"1"},{"a":"2"}]%s},"after_unknown":{"u%d":true,"blk":[{},{"n%d":true}]`, i, big, i, i%7)
		if i%5 == 0 {
			b.WriteString(`,"big":{`)
			for k := range 2 * maxScannedAttrs {
				if k > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, `"b%d":%v`, k, (k+i)%3 != 0)
			}
			b.WriteString(`}`)
		}
		b.WriteString(`}}}`)
	}
	b.WriteString("]}")
	for _, pipe := range []bool{false, true} {
		old := minPipelineSize
		if pipe {
			minPipelineSize = 0
		}
		p, diags := Load("a.json", []byte(b.String()), Options{SkipBefore: true})
		minPipelineSize = old
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if len(p.Changes) != n {
			t.Fatalf("%d changes, want %d", len(p.Changes), n)
		}
		for i, c := range p.Changes {
			body := c.After.Body
			keys := strings.Join(body.Keys, ",")
			want := fmt.Sprintf("blk,u%d", i)
			if i%5 == 0 {
				want = fmt.Sprintf("blk,big,u%d", i)
			}
			if keys != want {
				t.Fatalf("pipe %v: change %d: keys %s, want %s", pipe, i, keys, want)
			}
			if u := body.Get(fmt.Sprintf("u%d", i)); u == nil || u.Val.IsKnown() {
				t.Errorf("pipe %v: change %d: u%d is not unknown", pipe, i, i)
			}
			if u := body.Get(fmt.Sprintf("u%d", (i+1)%n)); u != nil {
				t.Errorf("pipe %v: change %d has the unknown of another change", pipe, i)
			}
			blk := body.Get("blk").Index(1).Val
			if !blk.Type().HasAttribute(fmt.Sprintf("n%d", i%7)) || blk.GetAttr(fmt.Sprintf("n%d", i%7)).IsKnown() {
				t.Errorf("pipe %v: change %d: blk[1].n%d is not unknown: %#v", pipe, i, i%7, blk)
			}
			if body.Get("blk").Index(0).Val.LengthInt() != 1 {
				t.Errorf("pipe %v: change %d: blk[0] has unknowns", pipe, i)
			}
			if i%5 == 0 {
				big := body.Get("big").Val
				for k := range 2 * maxScannedAttrs {
					if got, want := big.GetAttr(fmt.Sprintf("b%d", k)).IsKnown(), (k+i)%3 == 0; got != want {
						t.Errorf("pipe %v: change %d: big.b%d known %v, want %v", pipe, i, k, got, want)
					}
				}
			}
		}
	}
}

// TestSharedActions: each change has the actions of its plan entry, the
// common lists shared read-only (an append to one copies) and the others
// its own; none when the plan lists none.
func TestSharedActions(t *testing.T) {
	lists := []string{`["create"]`, `["no-op"]`, `["delete","create"]`, `["create","delete"]`, `["update"]`, `["read"]`, `["delete"]`, `[]`, `["forget"]`, `["create"]`, `["delete","forget"]`}
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i, a := range lists {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"address":"x.r%d","mode":"managed","type":"x","name":"r%d","change":{"actions":%s,"after":{"a":"b"}}}`, i, i, a)
	}
	b.WriteString(`]}`)
	p, diags := Load("a.json", []byte(b.String()), Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for i, c := range p.Changes {
		got := `[]`
		if len(c.Actions) > 0 {
			got = `["` + strings.Join(func() []string {
				var out []string
				for _, a := range c.Actions {
					out = append(out, string(a))
				}
				return out
			}(), `","`) + `"]`
		}
		if got != lists[i] {
			t.Errorf("change %d: actions %s, want %s", i, got, lists[i])
		}
		if lists[i] == `[]` && c.Actions != nil {
			t.Errorf("change %d: actions %#v, want nil", i, c.Actions)
		}
	}
	_ = append(p.Changes[0].Actions, "delete")
	if len(p.Changes[9].Actions) != 1 || p.Changes[9].Actions[0] != "create" || cap(p.Changes[0].Actions) != 1 {
		t.Errorf("an append to a shared list changed it: %v", p.Changes[9].Actions)
	}
}
