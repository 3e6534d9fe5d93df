package linter

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/textpos"
)

// heldIn finds the strings and byte slices reachable from a value that point
// into one allocation (lo to hi), by the path of fields that leads to them.
type heldIn struct {
	spans [][2]uintptr // the allocations, by start
	names []string
	seen  map[[3]uintptr]bool
	hits  map[string]int
	ex    map[string]string
}

func (w *heldIn) add(name string, src []byte) {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	w.spans = append(w.spans, [2]uintptr{lo, lo + uintptr(cap(src))})
	w.names = append(w.names, name)
}

// of returns the name of the allocation p points into, or "".
func (w *heldIn) of(p uintptr) string {
	for i, s := range w.spans {
		if p >= s[0] && p < s[1] {
			return w.names[i]
		}
	}
	return ""
}

func (w *heldIn) first(p uintptr, t reflect.Type, n int) bool {
	k := [3]uintptr{p, reflect.ValueOf(t).Pointer(), uintptr(n)}
	if w.seen[k] {
		return false
	}
	w.seen[k] = true
	return true
}

func (w *heldIn) walk(v reflect.Value, path string, depth int) {
	if depth > 100 || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); s != "" {
			if n := w.of(uintptr(unsafe.Pointer(unsafe.StringData(s)))); n != "" {
				k := n + ": " + path
				if w.hits[k]++; w.hits[k] == 1 {
					w.ex[k] = s[:min(len(s), 60)]
				}
			}
		}
	case reflect.Pointer:
		if !v.IsNil() && w.first(v.Pointer(), v.Type(), 0) {
			w.walk(v.Elem(), path, depth+1)
		}
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), path+"("+v.Elem().Type().String()+")", depth+1)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			w.walk(v.Field(i), path+"."+v.Type().Field(i).Name, depth+1)
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if n := w.of(v.Pointer()); v.Cap() > 0 && n != "" {
				w.hits[n+": "+path+"[]byte"]++
			}
			return
		}
		if w.first(v.Pointer(), v.Type(), v.Len()) {
			for i := 0; i < v.Len(); i++ {
				w.walk(v.Index(i), path+"[]", depth+1)
			}
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			w.walk(v.Index(i), path+"[]", depth+1)
		}
	case reflect.Map:
		if !v.IsNil() && w.first(v.Pointer(), v.Type(), 0) {
			for it := v.MapRange(); it.Next(); {
				w.walk(it.Key(), path+"{key}", depth+1)
				w.walk(it.Value(), path+"{}", depth+1)
			}
		}
	}
}

// preparedPlans runs prepare over paths and returns what it prepared and the
// bytes it read of each plan, by name.
func preparedPlans(t *testing.T, paths []string) (*prepared, map[string][]byte) {
	t.Helper()
	srcs := map[string][]byte{}
	planBytesRead = func(name string, src []byte) { srcs[name] = src }
	defer func() { planBytesRead = nil }()
	p, err := prepare(context.Background(), Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	return p, srcs
}

// TestDroppedPlanBytesNotHeld: after prepare, nothing the later steps read
// (model, blocks, runs, diagnostics) holds a string or slice of the bytes
// of a plan whose bytes were dropped (a substring of the 50 MB of a plan
// keeps all of it alive), for the plans of testdata and ../shared/corpus,
// and a generated plan; a plan of mostly non-ASCII text keeps its bytes.
func TestDroppedPlanBytesNotHeld(t *testing.T) {
	var paths []string
	for _, glob := range []string{"../testdata/plans/*/*.json", "../../shared/corpus/plans/*/*.json"} {
		ms, _ := filepath.Glob(glob)
		for _, m := range ms {
			if b := filepath.Base(m); b != "SOURCE.json" && b != "index.json" {
				paths = append(paths, m)
			}
		}
	}
	gen := writeGenPlan(t, filepath.Join(t.TempDir(), "gen.json"), 1<<20)
	paths = append(paths, gen)
	p, srcs := preparedPlans(t, paths)
	dropped := map[string]bool{}
	for _, d := range p.dropped {
		dropped[d.run.name] = true
	}
	if !dropped[gen] {
		t.Fatalf("the generated plan's bytes were not dropped")
	}
	w := &heldIn{seen: map[[3]uintptr]bool{}, hits: map[string]int{}, ex: map[string]string{}}
	for name, src := range srcs {
		droppable := asciiLen(src) == len(src) || newRuneIndex(src) != nil
		if dropped[name] != droppable {
			t.Errorf("%s: dropped %v, want %v", name, dropped[name], droppable)
		}
		if dropped[name] {
			w.add(name, src)
		}
	}
	w.walk(reflect.ValueOf(p), "prepared", 0)
	var held []string
	for k, n := range w.hits {
		held = append(held, fmt.Sprintf("%s (%d, such as %q)", k, n, w.ex[k]))
	}
	sort.Strings(held)
	for _, h := range held {
		t.Errorf("bytes held: %s", h)
	}
}

// TestDroppedPlanBytesCollected: the bytes of a dropped plan are collected
// while what prepare returned is still alive (nothing, not even a
// process-wide table, holds a substring of them), those of a plan kept
// (mostly non-ASCII) are not.
func TestDroppedPlanBytesCollected(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(dir, "gen.json")
	// An Effect and a Version of no policy (their texts are interned), a
	// partial text, a sensitive value, a non-ASCII plan.
	odd := filepath.Join(dir, "odd.json")
	accented := filepath.Join(dir, "accented.json")
	kept := filepath.Join(dir, "kept.json")
	oddPlan := `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
{"address":"aws_iam_role_policy.p","mode":"managed","type":"aws_iam_role_policy","name":"p","change":{"actions":["create"],"before":null,
"after":{"name":"inline-odd","role":"r-odd","policy":"{\"Version\":\"2012-10-18\",\"Statement\":[{\"Effect\":\"Allowed\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"},
"after_unknown":{},"after_sensitive":{"role":true}}},
{"address":"aws_iam_policy.q","mode":"managed","type":"aws_iam_policy","name":"q","change":{"actions":["create"],"before":null,
"after":{"name":"q-odd","path":"/odd/","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"},
"after_unknown":{"arn":true}}}],
"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[
{"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","values":{"id":"1","version":"2012-10-18",
"statement":[{"sid":"OddSid","effect":"Alloww","actions":["s3:ListOddBucket"],"resources":["arn:aws:s3:::odd-bucket"],"principals":[],"condition":[]}]}}]}}}}`
	for name, text := range map[string]string{gen: buf.String(), odd: oddPlan, accented: strings.Replace(oddPlan, "inline-odd", "inline-é", 1),
		kept: strings.Replace(oddPlan, "inline-odd", "inline-"+strings.Repeat("é", 200), 1)} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var collected sync.Map
	planBytesRead = func(name string, src []byte) {
		runtime.AddCleanup(&src[:1][0], func(name string) { collected.Store(name, true) }, name)
	}
	defer func() { planBytesRead = nil }()
	p, err := prepare(context.Background(), Options{Paths: []string{gen, odd, accented, kept}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.dropped) != 3 {
		t.Fatalf("%d plans dropped, want 3", len(p.dropped))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		_, g := collected.Load(gen)
		_, o := collected.Load(odd)
		_, a := collected.Load(accented)
		if g && o && a {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dropped plan bytes not collected: generated %v, odd %v, accented %v", g, o, a)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, k := collected.Load(kept); k {
		t.Errorf("the bytes of a kept plan were collected")
	}
	runtime.KeepAlive(p)
}

// TestRuneIndexConvert: runeIndex.convert sets the same columns as
// textpos.Convert with the text, on texts of ASCII, 2-, 3- and 4-byte
// characters, line feeds, carriage returns and a byte order mark, at every
// offset (a character's start, its middle, the end), with the line and
// byte column of the offset and with others.
func TestRuneIndexConvert(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", " ", "\"", "\n", "\r\n", "é", "€", "𝄞", "日本", "{\"k\":", "ab"}
	for n := 0; n < 300; n++ {
		var sb strings.Builder
		if n%5 == 0 {
			sb.WriteString("\ufeff")
		}
		for k := rng.IntN(40); k > 0; k-- {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		src := []byte(sb.String())
		ix := newRuneIndexLimit(src, 1e9) // however big
		if ix == nil {
			t.Fatalf("no index for %q", src)
		}
		var wantV, gotV []hcl.Pos
		for off := 0; off <= len(src)+1; off++ {
			line, col := 1, 1
			for i := 0; i < off && i < len(src); i++ {
				if src[i] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
			for _, p := range []hcl.Pos{{Line: line, Column: col, Byte: off}, {Line: line + 1, Column: col, Byte: off}, {Line: line, Column: col + 5, Byte: off}, {Line: line, Column: 2, Byte: off}} {
				wantV, gotV = append(wantV, p), append(gotV, p)
			}
		}
		var want, got []*hcl.Pos // Convert sorts them
		for i := range wantV {
			want, got = append(want, &wantV[i]), append(got, &gotV[i])
		}
		wc := textpos.Convert(src, want)
		gc := ix.convert(got)
		if wc != gc {
			t.Errorf("%q: changed %v, want %v", src, gc, wc)
		}
		for i := range wantV {
			if wantV[i] != gotV[i] {
				t.Errorf("%q: converted to %+v, want %+v", src, gotV[i], wantV[i])
				break
			}
		}
	}
	// Refused: text that is not UTF-8, text of mostly non-ASCII characters.
	long := strings.Repeat("abcdefgh", 100)
	if newRuneIndex([]byte(long+"\xff")) != nil {
		t.Error("an index of text that is not UTF-8")
	}
	if newRuneIndex([]byte(long+strings.Repeat("é", 100))) != nil {
		t.Error("an index bigger than maxRuneIndex of the text")
	}
	if newRuneIndex([]byte(long+"é\n")) == nil {
		t.Error("no index of mostly ASCII text")
	}
}

// TestDroppedPlanFileChanged: a plan file changed after its bytes were
// dropped is told as an error (once), and its text is not quoted.
func TestDroppedPlanFileChanged(t *testing.T) {
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 64<<10); err != nil {
		t.Fatal(err)
	}
	for _, change := range []string{"none", "bytes", "size"} {
		name := filepath.Join(t.TempDir(), "plan.json")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{{ID: "r", Severity: High, Check: func(p *Pass) {
			for _, d := range p.Model.Documents {
				p.Report(Finding{Rule: "r", Severity: High, Message: "m", Range: d.Range.HCL(), Resource: d.Address})
			}
		}}}, Progress: func(pr Progress) {
			if pr.Stage != "extracted" {
				return
			}
			if change == "none" {
				return
			}
			b := bytes.ToUpper(buf.Bytes())
			if change == "size" {
				b = b[:len(b)-1]
			}
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Error(err)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) == 0 {
			t.Fatalf("%s: no finding", change)
		}
		n := 0
		for _, e := range res.Errors {
			if strings.Contains(e.Message, "changed while it was linted") {
				n++
			}
		}
		if change == "none" {
			if n != 0 || len(res.Sources) != 1 {
				t.Errorf("unchanged: %d errors about a change, %d sources, want 0 and 1", n, len(res.Sources))
			}
			continue
		}
		if n != 1 {
			t.Errorf("%s: %d errors about the change, want 1: %+v", change, n, res.Errors)
		}
		if len(res.Sources) != 0 {
			t.Errorf("%s: the changed text is in Sources", change)
		}
	}
}

// TestEarlyDrop: the bytes of a streamed plan read from a file are
// collected before the merge parses its policies (earlyDrop: copies of the
// policy texts, the strings that shared the bytes copied), not after it;
// one whose text holds a credential keeps them until then (planSecrets),
// as does one read from standard input. The reports are those of the
// plans kept whole (TestPlanStreamed).
func TestEarlyDrop(t *testing.T) {
	defer func(m, c int) { planStreamMin, planChunk = m, c }(planStreamMin, planChunk)
	planStreamMin, planChunk = 0, 500
	dir := t.TempDir()
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 2<<20); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(dir, "gen.json")
	secret := filepath.Join(dir, "secret.json")
	text := buf.String()
	withKey := strings.Replace(text, `"description":"generated"`, `"description":"AKIAZ7Q3J5K2M4N6P8R2"`, 1)
	if withKey == text {
		t.Fatal("no description in the generated plan")
	}
	for name, text := range map[string]string{gen: text, secret: withKey} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		path    string
		stdin   bool
		dropped bool // before the merge
	}{{gen, false, true}, {secret, false, false}, {gen, true, false}} {
		var collected atomic.Bool
		planBytesRead = func(name string, src []byte) {
			runtime.AddCleanup(&src[:1][0], func(struct{}) { collected.Store(true) }, struct{}{})
		}
		hooked := false
		earlyDropped = func() {
			hooked = true
			deadline := time.Now().Add(5 * time.Second)
			for !collected.Load() && time.Now().Before(deadline) {
				runtime.GC()
				time.Sleep(10 * time.Millisecond)
			}
			if collected.Load() != c.dropped {
				t.Errorf("%s (stdin %v): plan bytes collected before the merge: %v, want %v", c.path, c.stdin, collected.Load(), c.dropped)
			}
		}
		opts := Options{Paths: []string{c.path}}
		if c.stdin {
			f, err := os.Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			opts.Paths, opts.Stdin = []string{"-"}, f
			defer func() { _ = f.Close() }()
		}
		p, err := prepare(context.Background(), opts)
		planBytesRead, earlyDropped = nil, nil
		if err != nil {
			t.Fatal(err)
		}
		if !hooked {
			t.Fatalf("%s: not streamed", c.path)
		}
		early := 0
		for _, r := range p.runs {
			if r.early {
				early++
			}
		}
		if want := map[bool]int{true: 1}[c.dropped]; early != want {
			t.Errorf("%s (stdin %v): %d plans dropped early, want %d", c.path, c.stdin, early, want)
		}
		runtime.KeepAlive(p)
	}
}
