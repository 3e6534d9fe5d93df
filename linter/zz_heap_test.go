package linter_test

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

func TestZZHeap(t *testing.T) {
	dir := os.Getenv("ZZ_DIR")
	if dir == "" {
		t.Skip()
	}
	prof := func(name string) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		println("HEAP", name, ms.HeapAlloc>>20, "MB")
		if os.Getenv("ZZ_OUT") != "" {
			f, _ := os.Create(os.Getenv("ZZ_OUT") + "." + name)
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	start := time.Now()
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All, Principals: true, Progress: func(p linter.Progress) {
		println("STAGE", p.Stage, time.Since(start).String())
		if p.Stage == "extracted" {
			prof("extracted")
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	println("DONE", time.Since(start).String())
	prof("done")
	t.Log(len(res.Findings), len(res.Principals))
}
