package main

import (
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// hugeHeapOn is set by main: the command's tests, which run many lints in
// one process, leave the heap alone.
var hugeHeapOn atomic.Bool

// hugeHeapBytes is the part of the heap that hugeHeap backs with huge pages
// at least: ../shared/corpus/real (1,214 files) allocates about 170 MB in
// all. hugeHeapMax is the most (hugeHeapSize): the heap of a dense
// 10,000-file estate peaks at about 1.1 GB.
const (
	hugeHeapBytes = 256 << 20
	hugeHeapMax   = 1536 << 20
)

// hugeHeapSize is the reservation for a soft memory limit of limit bytes
// (math.MaxInt64: none): a quarter of it, between hugeHeapBytes and
// hugeHeapMax. Free pages of the heap count in the limit until the
// scavenger returns them, so the reservation stays well below it; under
// strict overcommit (vm.overcommit_memory=2) the reservation is memory
// committed, and stays at hugeHeapBytes.
func hugeHeapSize(limit int64, strictOvercommit bool) int {
	if strictOvercommit {
		return hugeHeapBytes
	}
	return int(min(hugeHeapMax, max(hugeHeapBytes, limit/4)))
}

// hugeHeap asks the kernel to back the first hugeHeapSize bytes of the heap
// with transparent huge pages (2 MB) when it does so only for memory that
// asks (THP mode "madvise", the common default). A lint run allocates its heap
// once and exits: each 4 KB page of it is a page fault the first time it is
// written, and on a virtual machine those faults were most of the system
// time. Measured on 2 shared CPUs, ../shared/corpus/real: 42,000 page faults
// -> 3,000, system time 0.22 s -> 0.09 s (medians of 15 alternated runs),
// task clock 0.81 s -> 0.71 s. The reservation is one allocation and one
// collection, which runs beside the start of the run.
//
// The whole heap of a big estate on huge pages costs the processor less as
// well (fewer misses of its address translation cache, which a virtual
// machine pays twice): 256 MB -> 1.5 GB, the dense 10,000-file estate
// (bench/gen -files 10000) run at the same time as the 256 MB build, 8
// pairs (each build first in 4), load 3.6-8: CPU user+sys 12.5-13.9 s
// (mean 13.59) -> 11.6-13.8 s (mean 13.06, -3.9%, lower in 7 pairs of 8),
// system time 1.16-1.48 s -> 0.86-1.68 s, 905 MB of the heap on huge
// pages instead of 262 MB, peak RSS the same (1.24-1.32 GB against
// 1.26-1.31 GB); the real-density 10,000-file estate (bench/m10k), 4 pairs:
// 4.38-4.53 s (mean 4.46) -> 3.57-4.81 s (mean 4.19); the corpus the same
// (0.31-0.47 s, 141 MB against 139 MB).
//
// It applies to runs that lint at least one directory and no plan: a single
// file (a pre-commit hook) does not pay for itself, and a big plan, whose
// heap grows to gigabytes and is freed in bulk after extraction, made more
// system time, not less, with huge pages (p50: 0.6 s -> 1.3 s). GODEBUG
// disablethp=1 (the Go runtime's own switch) turns it off, and so does a
// limit on the process's address space.
func hugeHeap(paths []string, planBytes int64, getenv func(string) string) bool {
	if planBytes > 0 || hasPlanArg(paths) || strings.Contains(getenv("GODEBUG"), "disablethp=1") {
		return false
	}
	if addressSpaceLimited() {
		// Under a limit on the address space (ulimit -v), the reservation
		// is address space the run may need: with it, a 1,000,000 KiB limit
		// ended ../shared/corpus/real (150 MB of RSS) in a fatal "out of
		// memory" of the runtime; without it the run completes.
		return false
	}
	dir := false
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			dir = true
			break
		}
	}
	if !dir {
		return false
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") {
		return false // "always" gives the heap huge pages anyway; "never" refuses them
	}
	return adviseHugeHeap(hugeHeapSize(debug.SetMemoryLimit(-1), strictOvercommit()))
}

// strictOvercommit says whether the kernel commits memory strictly
// (vm.overcommit_memory=2); false when it cannot tell.
func strictOvercommit() bool {
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && strings.TrimSpace(string(b)) == "2"
}
