package linter

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/iamlint/iamlint/bench/estate"
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
// and a generated plan; a plan with non-ASCII text keeps its bytes.
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
	gen := filepath.Join(t.TempDir(), "gen.json")
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
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
		ascii := asciiLen(src) == len(src)
		if dropped[name] != ascii {
			t.Errorf("%s: dropped %v, ASCII %v", name, dropped[name], ascii)
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
// (non-ASCII) are not.
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
	for name, text := range map[string]string{gen: buf.String(), odd: oddPlan, kept: strings.Replace(oddPlan, "inline-odd", "inline-é", 1)} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var collected sync.Map
	planBytesRead = func(name string, src []byte) {
		runtime.AddCleanup(&src[:1][0], func(name string) { collected.Store(name, true) }, name)
	}
	defer func() { planBytesRead = nil }()
	p, err := prepare(context.Background(), Options{Paths: []string{gen, odd, kept}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.dropped) != 2 {
		t.Fatalf("%d plans dropped, want 2", len(p.dropped))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		_, g := collected.Load(gen)
		_, o := collected.Load(odd)
		if g && o {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dropped plan bytes not collected: generated %v, odd %v", g, o)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, k := collected.Load(kept); k {
		t.Errorf("the bytes of a kept plan were collected")
	}
	runtime.KeepAlive(p)
}
