package linter_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanMemoryBound guards the memory of a streamed plan (what Lint does
// with a plan of 128 MB or more) without a clock: the peak of the live heap
// (marked by the collector, run at GOGC=5 here so that it marks often)
// above the heap before the lint, and the bytes allocated, each in times
// the plan's size, on generated 16 MB plans of three shapes:
// resource_changes only (estate.WritePlan, twice the resources per MB: the
// bench's p200 and CHANGES plans), Terraform's (estate.WriteFullPlan,
// planned_values too) and planned_values only (a plan filtered to it).
//
// The peak RSS of `iamlint PLAN` is the peak live heap plus the collector's
// headroom, which cmd/iamlint's planGC holds so that the 200 MB plans peak
// at 2.7-2.8 times their size (target: under 3); their peak live heap is
// about 2.2 times (resource_changes only, TestPlanStages). Measured here
// (2 CPUs), streamed: peak live 2.29-2.56 (resource_changes only),
// 1.50-1.96 (Terraform's) and 2.61-2.87 (planned_values only) times the
// plan (alike at GOMAXPROCS 1 and 4, once 3.55 for planned_values only),
// 9.6, 6.7 and 10.9 bytes allocated per plan byte. With the findings kept
// slim while the model is held (session 28): 2.24-2.52, 1.53-1.82 and
// 2.68, 9.3, 6.6 and 10.6 bytes per plan byte (the 193.5 MB
// planned_values-only plan: 497-518 -> 464-472 MB at its peak). Decoded whole (not
// streamed): 3.49-3.67, 2.40-2.41 and (planned_values only, before it was
// streamed) 3.75-3.87 times. The peak live heap varies with the pace of the
// stream's goroutines, hence its slack; the bytes allocated hardly vary.
// (With chunks of 2,048 blocks, a seventh of these plans, up to four built
// at a time, it varied from 2.35 to 3.03 for resource_changes only; at
// smaller sizes, the stream's fixed memory, 1 MB blocks of policy texts and
// of windows for each chunk held, is most of it.)
func TestPlanMemoryBound(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's memory is on the heap's count")
	}
	if testing.Short() {
		t.Skip("lints 32 MB of plans at GOGC=5")
	}
	const mb = 16
	for _, c := range []struct {
		name         string
		write        func(io.Writer, int64) (estate.PlanStats, error)
		live, allocs float64 // the most peak live heap and allocated bytes per plan byte
	}{
		{"changes-only", estate.WritePlan, 3.0, 12.5},
		{"full", estate.WriteFullPlan, 2.3, 9},
		{"planned-values-only", plannedValuesOnly, 3.2, 13.5},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			st, err := c.write(&buf, mb<<20)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			buf = bytes.Buffer{}
			// Streamed from any size, in chunks of 512 blocks: a 28th of the
			// plan (the 200 MB plans' 2,048 are an 88th of theirs), so that
			// the chunks being built add little to the peak or its noise.
			defer linter.SetPlanStream(1, 512)()
			lint := func() *linter.Result {
				res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Errors) > 0 || res.Summary.Policies == 0 || len(res.Findings) == 0 {
					t.Fatalf("errors %v, %d policies, %d findings", res.Errors, res.Summary.Policies, len(res.Findings))
				}
				return res
			}
			lint() // what a run loads once (the AWS catalogs) is not the plan's
			defer debug.SetGCPercent(debug.SetGCPercent(5))
			// measure lints once and returns the peak live heap and the
			// bytes allocated, in times the plan's size.
			size := float64(st.Bytes)
			measure := func() (live, alloc float64) {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				var peak atomic.Uint64
				stop, done := make(chan struct{}), make(chan struct{})
				go func() {
					defer close(done)
					sampleMetrics(stop, []string{"/gc/heap/live:bytes"}, func(s []metrics.Sample) {
						if v := s[0].Value.Uint64(); v > peak.Load() {
							peak.Store(v)
						}
					})
				}()
				res := lint()
				close(stop)
				<-done
				runtime.ReadMemStats(&after)
				runtime.KeepAlive(res)
				live = (float64(peak.Load()) - float64(before.HeapAlloc)) / size
				alloc = float64(after.TotalAlloc-before.TotalAlloc) / size
				t.Logf("%.1f MB plan, %d resources, %d findings: peak live heap %.2f times the plan above the %.1f MB before, %.1f bytes allocated per plan byte, %d collections",
					size/(1<<20), st.Resources, len(res.Findings), live, float64(before.HeapAlloc)/(1<<20), alloc, after.NumGC-before.NumGC)
				return live, alloc
			}
			live, alloc := measure()
			if live > c.live {
				// Once in about a dozen runs a peak stood far above
				// the others (3.55 against 2.6-2.9): measured again, the
				// lower one counts, so that a flake needs two.
				l2, a2 := measure()
				live, alloc = min(live, l2), min(alloc, a2)
			}
			if live > c.live {
				t.Errorf("peak live heap %.2f times the plan's size; want under %.1f", live, c.live)
			}
			if alloc > c.allocs {
				t.Errorf("%.1f bytes allocated per byte of the plan; want under %.1f", alloc, c.allocs)
			}
		})
	}
}

// plannedValuesOnly writes a plan of about target bytes whose resources are
// in planned_values only: estate.WriteFullPlan's of twice the size, cut
// down to its format_version and planned_values (as jq '{format_version,
// planned_values}' would).
func plannedValuesOnly(w io.Writer, target int64) (estate.PlanStats, error) {
	var buf bytes.Buffer
	st, err := estate.WriteFullPlan(&buf, 2*target)
	if err != nil {
		return st, err
	}
	at := bytes.Index(buf.Bytes(), []byte(`"planned_values":`))
	if at < 0 {
		return st, errors.New("no planned_values")
	}
	out := append([]byte(`{"format_version":"1.2",`), buf.Bytes()[at:]...)
	st.Bytes = int64(len(out))
	_, err = w.Write(out)
	return st, err
}
