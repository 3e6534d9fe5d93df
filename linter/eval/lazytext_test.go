package eval

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// testKeepText is Options.KeepText in the tests that compare shapes with
// values (TestJSONShapesMatchValues, TestLazyTextMatchesEager): a text
// holding "KEEP" is written when evaluated.
func testKeepText(s string) bool { return strings.Contains(s, "KEEP") }

// lazyTextOK is the evaluator's lazyTextOK without its memo: keep asked of
// every string (the tests' reference).
func lazyTextOK(n *Node, keep func(string) bool) bool {
	w := jsonText{count: true, keep: keep, limit: maxShortJSON}
	return w.shape(n) && w.total <= maxShortJSON
}

// TestTextBoundMatchesAppendShape builds random shapes (members that are
// shapes, strings with escapes, numbers, bools, nulls, unknowns, marks,
// dynamic-typed parts, lists, sets, maps, objects, tuples, names that are
// not ASCII, missing members) and checks that lazyTextOK accepts exactly
// the shapes whose text appendShape writes within maxShortJSON bytes, that
// its bound is not below the text's length, and that it refuses a text
// whose strings keep reports (a word of letters in the text is in one of
// its strings).
func TestTextBoundMatchesAppendShape(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	never := func(string) bool { return false }
	word := func(s string) bool { return strings.Contains(s, "AK") }
	accepted, refused, kept := 0, 0, 0
	for i := 0; i < 20000; i++ {
		n := randShape(r, 0)
		buf, ok := appendShape(nil, n, maxShortJSON)
		ok = ok && len(buf) <= maxShortJSON
		b := jsonText{count: true, keep: never, limit: maxShortJSON}
		lazy := b.shape(n) && b.total <= maxShortJSON
		if lazy != ok {
			t.Fatalf("case %d: lazyTextOK %v, appendShape wrote %v (%q)", i, lazy, ok, buf)
		}
		if !ok {
			refused++
			continue
		}
		accepted++
		if b.total < len(buf) {
			t.Fatalf("case %d: bound %d below the text's %d bytes: %s", i, b.total, len(buf), buf)
		}
		if strings.Contains(string(buf), "AK") {
			kept++
			if lazyTextOK(n, word) {
				t.Fatalf("case %d: a text holding AK is left unwritten: %s", i, buf)
			}
		} else if !lazyTextOK(n, word) {
			t.Fatalf("case %d: a text without AK is written: %s", i, buf)
		}
	}
	t.Logf("accepted %d, refused %d, kept %d", accepted, refused, kept)
	if accepted < 2000 || refused < 2000 || kept < 200 {
		t.Errorf("accepted %d, refused %d, kept %d: too few of one", accepted, refused, kept)
	}
}

// randShape returns a random shape (an object or tuple node without a
// value).
func randShape(r *rand.Rand, depth int) *Node {
	n := &Node{}
	k := r.IntN(4)
	if r.IntN(2) == 0 {
		n.Elems = make([]*Node, k)
		for i := range n.Elems {
			n.Elems[i] = randMember(r, depth)
		}
		return n
	}
	keys := make([]string, 0, k)
	kids := make([]*Node, 0, k)
	seen := map[string]bool{}
	for i := 0; i < k; i++ {
		name := randKey(r)
		if seen[name] {
			continue
		}
		seen[name] = true
		keys = append(keys, name)
		kids = append(kids, randMember(r, depth))
	}
	n.SetAttrs(keys, kids)
	return n
}

func randKey(r *rand.Rand) string {
	switch r.IntN(12) {
	case 0:
		return "é"
	case 1:
		return "A\"K<"
	}
	return []string{"Version", "Statement", "Action", "AKIA", "x", "Sid"}[r.IntN(6)]
}

func randMember(r *rand.Rand, depth int) *Node {
	switch {
	case r.IntN(40) == 0:
		return nil
	case depth < 3 && r.IntN(3) == 0:
		return randShape(r, depth+1)
	}
	return &Node{Val: randVal(r, depth)}
}

func randString(r *rand.Rand) string {
	parts := []string{"s3:GetObject", "A", "K", "\n", "<>&", "\x00", "\xff", "\u2028", "é", "\"\\", "ak"}
	var b strings.Builder
	for i := r.IntN(5); i > 0; i-- {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

func randVal(r *rand.Rand, depth int) cty.Value {
	leaf := func() cty.Value {
		switch r.IntN(14) {
		case 0:
			return cty.NumberIntVal(int64(r.IntN(1000)) - 500)
		case 1:
			return cty.NumberVal(new(big.Float).SetFloat64(r.Float64() * 1e30))
		case 2:
			if r.IntN(4) == 0 {
				return cty.PositiveInfinity
			}
			return cty.NumberFloatVal(0.125)
		case 3:
			return cty.True
		case 4:
			return cty.NullVal(cty.String)
		case 5:
			if r.IntN(3) == 0 {
				return cty.NullVal(cty.DynamicPseudoType)
			}
			return cty.UnknownVal(cty.String)
		case 6:
			if r.IntN(3) == 0 {
				return cty.StringVal("m").Mark("sensitive")
			}
		}
		return cty.StringVal(randString(r))
	}
	if depth >= 3 || r.IntN(3) > 0 {
		return leaf()
	}
	k := r.IntN(3)
	elems := make([]cty.Value, k)
	for i := range elems {
		elems[i] = randVal(r, depth+1)
	}
	strs := make([]cty.Value, k)
	for i := range strs {
		strs[i] = cty.StringVal(randString(r))
	}
	switch r.IntN(7) {
	case 0:
		return cty.TupleVal(elems)
	case 1:
		if k == 0 {
			return cty.ListValEmpty(cty.String)
		}
		return cty.ListVal(strs)
	case 2:
		if k == 0 {
			return cty.SetValEmpty(cty.String)
		}
		return cty.SetVal(strs)
	case 3:
		m := map[string]cty.Value{}
		for i, s := range strs {
			m[randKey(r)+string(rune('a'+i))] = s
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.String)
		}
		return cty.MapVal(m)
	case 4:
		m := map[string]cty.Value{}
		for i, v := range elems {
			m[randKey(r)+string(rune('a'+i))] = v
		}
		return cty.ObjectVal(m)
	case 5:
		return cty.ListValEmpty(cty.DynamicPseudoType)
	}
	return cty.ObjectVal(map[string]cty.Value{"d": cty.NullVal(cty.DynamicPseudoType)})
}

// TestLazyTextsMatchWritten evaluates the configurations of
// TestJSONShapesMatchValues with the texts of jsonencode left unwritten
// where they may be and written when evaluated (lazyTexts off): the same
// diagnostics and nodes (Value writes a text left unwritten), some texts
// left unwritten, none of them one holding what KeepText reports.
func TestLazyTextsMatchWritten(t *testing.T) {
	dirs := shapeDirs(t)
	defer func(old bool) { lazyTexts = old }(lazyTexts)
	left, nodes := 0, 0
	for _, dir := range dirs {
		l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
		lazyTexts = true
		lazyMods, lazyDiags := l.evaluate(dir)
		lazyTexts = false
		mods, diags := l.evaluate(dir)
		if fmt.Sprint(lazyDiags) != fmt.Sprint(diags) {
			t.Fatalf("%s: diagnostics differ:\nlazy    %v\nwritten %v", dir, lazyDiags, diags)
		}
		if len(lazyMods) != len(mods) {
			t.Fatalf("%s: %d modules lazy, %d written", dir, len(lazyMods), len(mods))
		}
		for i, m := range mods {
			if len(lazyMods[i].Blocks) != len(m.Blocks) {
				t.Fatalf("%s: module %d: %d blocks lazy, %d written", dir, i, len(lazyMods[i].Blocks), len(m.Blocks))
			}
			for j, b := range m.Blocks {
				lb := lazyMods[i].Blocks[j]
				if err := sameNodes(lb.Body, b.Body, 0); err != nil {
					t.Errorf("%s: %s: %v", dir, b.Address, err)
				}
				if lb.Body == nil {
					continue
				}
				nodes++
				for _, c := range lb.Body.kids() {
					if c == nil || !c.LazyJSON() {
						continue
					}
					left++
					if s, _ := c.JSONText(); testKeepText(s) {
						t.Errorf("%s: %s: a text holding KEEP left unwritten: %s", dir, b.Address, s)
					}
				}
			}
		}
	}
	if left < 100 {
		t.Errorf("only %d texts left unwritten in %d bodies", left, nodes)
	}
	t.Logf("%d directories, %d bodies, %d texts left unwritten", len(dirs), nodes, left)
}

// TestLazyTextOKMemo checks that the evaluator's lazyTextOK, which
// remembers what keep said of a string and what the count found of a
// collection or structural value (keepMemo), answers as lazyTextOK does:
// random shapes, each made of members drawn from a small pool (so that the
// same strings and values come back, as a module's variables do in each of
// its resources), asked of one evaluator one after the other, under a
// small limit too.
func TestLazyTextOKMemo(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 17))
	word := func(s string) bool { return strings.Contains(s, "AK") }
	pool := make([]*Node, 40, 340)
	for i := range pool {
		pool[i] = randMember(r, 1)
	}
	for i := 0; i < 300; i++ {
		// Strings of one length, a few holding the word.
		pool = append(pool, &Node{Val: cty.StringVal(fmt.Sprintf("%c%c%03d", 'A'+r.IntN(3), 'I'+r.IntN(3), i))})
	}
	ev := &evaluator{opts: &Options{KeepText: word}}
	yes, no := 0, 0
	for i := 0; i < 20000; i++ {
		n := &Node{}
		k := r.IntN(5)
		if r.IntN(2) == 0 {
			n.Elems = make([]*Node, k)
			for j := range n.Elems {
				n.Elems[j] = pool[r.IntN(len(pool))]
			}
		} else {
			keys := []string{"Version", "Statement", "Action", "AKey", "Resource"}[:k]
			kids := make([]*Node, k)
			for j := range kids {
				kids[j] = pool[r.IntN(len(pool))]
			}
			n.SetAttrs(keys, kids)
		}
		want := lazyTextOK(n, word)
		if got := ev.lazyTextOK(n); got != want {
			t.Fatalf("case %d: the evaluator's lazyTextOK %v, lazyTextOK %v", i, got, want)
		}
		if want {
			yes++
		} else {
			no++
		}
	}
	if yes < 1000 || no < 1000 {
		t.Errorf("lazy %d, not %d: too few of one", yes, no)
	}
}

// TestValueBytesMemo checks that the evaluator's valueBytes, which
// remembers the sizes of values, is stringBytes: random values drawn from
// a small pool, asked with random limits (some below the size).
func TestValueBytesMemo(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 5))
	pool := make([]cty.Value, 30)
	for i := range pool {
		pool[i] = randVal(r, 0)
	}
	ev := &evaluator{}
	for i := 0; i < 20000; i++ {
		v := pool[r.IntN(len(pool))]
		limit := r.IntN(200)
		if r.IntN(4) == 0 {
			limit = maxValueBytes
		}
		if got, want := ev.valueBytes(v, limit), stringBytes(v, limit); got != want {
			t.Fatalf("case %d: valueBytes(%#v, %d) = %d, stringBytes %d", i, v, limit, got, want)
		}
	}
}

// TestExactCountBound: the exact count (jsonText.exact, lazyTextOK's
// second count) goes through exactly where appendShape writes, and is
// never below the length of the text: a text it accepts within
// maxShortJSON is one encodeShape would return.
func TestExactCountBound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	never := func(string) bool { return false }
	checked := 0
	for i := 0; i < 20000; i++ {
		n := randShape(r, 0)
		buf, ok := appendShape(nil, n, math.MaxInt)
		x := jsonText{count: true, exact: true, keep: never, limit: math.MaxInt}
		xok := x.shape(n)
		if xok != ok {
			t.Fatalf("case %d: exact count %v, appendShape wrote %v (%q)", i, xok, ok, buf)
		}
		if !ok {
			continue
		}
		checked++
		if x.total < len(buf) {
			t.Fatalf("case %d: exact count %d below the text's %d bytes: %s", i, x.total, len(buf), buf)
		}
	}
	if checked < 2000 {
		t.Errorf("only %d texts checked", checked)
	}
}
