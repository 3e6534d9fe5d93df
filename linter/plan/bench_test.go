package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamlint/iamlint/internal/cputime"
)

var (
	bigOnce sync.Once
	bigPlan []byte
)

func big50MB() []byte {
	bigOnce.Do(func() { bigPlan = genPlan(50 << 20) })
	return bigPlan
}

func BenchmarkLoadPlan50MB(b *testing.B) {
	src := big50MB()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	runtime.GC()
	var blocks int
	for b.Loop() {
		p, diags := Load("big.json", src, Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		blocks = countBlocks(p.After) + countBlocks(p.Before)
		runtime.KeepAlive(p)
	}
	b.ReportMetric(float64(len(src))/(1<<20), "MB")
	b.ReportMetric(float64(blocks), "blocks")
	// Live heap held by one loaded plan (the src bytes are the caller's).
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	p, _ := Load("big.json", src, Options{})
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(p)
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "liveMB")
}

// BenchmarkLoadPlanBadMarks50MB loads the 50 MB plan with its last 12
// after_sensitive marks of the wrong type (a number): maxBadMarks errors,
// whose paths markDiags finds in one scan of the plan (one scan each took
// 3 s more than the plan without them, for 200 MB; BenchmarkLoadPlan50MB
// is the one without).
func BenchmarkLoadPlanBadMarks50MB(b *testing.B) {
	src := bytes.Clone(big50MB())
	mark := []byte(`"after_sensitive":{"tags":{},"tags_all":{}}`)
	for k, end := 0, len(src); k < 12; k++ {
		i := bytes.LastIndex(src[:end], mark)
		if i < 0 {
			b.Fatal("no after_sensitive to make bad")
		}
		copy(src[i:], `"after_sensitive":{"tags":1 ,"tags_all":{}}`)
		end = i
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		p, diags := Load("big.json", src, Options{})
		if diags.HasErrors() || len(p.After.Diags) < maxBadMarks {
			b.Fatal(diags, len(p.After.Diags))
		}
	}
}

func BenchmarkIsPlan50MB(b *testing.B) {
	src := big50MB()
	for b.Loop() {
		if !IsPlan(src) {
			b.Fatal("not a plan")
		}
	}
}

// BenchmarkTFJSONUnmarshal50MB is the cost of terraform-json's full decode, for comparison.
func BenchmarkTFJSONUnmarshal50MB(b *testing.B) {
	src := big50MB()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var p tfjson.Plan
		if err := json.Unmarshal(src, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBigPlanRSS loads the plan named by $IAMLINT_BIGPLAN (for measuring peak RSS
// with /usr/bin/time -v on the test binary). With $IAMLINT_GENPLAN it writes a
// generated 50 MB plan there first.
func TestBigPlanRSS(t *testing.T) {
	if out := os.Getenv("IAMLINT_GENPLAN"); out != "" {
		if err := os.WriteFile(out, genPlan(50<<20), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	path := os.Getenv("IAMLINT_BIGPLAN")
	if path == "" {
		t.Skip("set IAMLINT_BIGPLAN")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cpu0 := cputime.Used()
	start := time.Now()
	if !IsPlan(src) {
		t.Fatal("not a plan")
	}
	p, diags := Load(path, src, Options{SkipBefore: os.Getenv("IAMLINT_SKIPBEFORE") != "", BeforeResourcesOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	wall := time.Since(start)
	cpu := cputime.Used() - cpu0
	t.Logf("%d bytes, %d changes, %d after blocks, %d before blocks: wall %v, cpu (user+sys, all threads incl. GC) %v",
		len(src), len(p.Changes), countBlocks(p.After), countBlocks(p.Before), wall, cpu)
	if hp := os.Getenv("IAMLINT_HEAPPROF"); hp != "" {
		runtime.GC()
		f, err := os.Create(hp)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_ = pprof.WriteHeapProfile(f)
		runtime.KeepAlive(p)
	}
}
