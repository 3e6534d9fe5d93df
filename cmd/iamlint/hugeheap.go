package main

import (
	"os"
	"strings"
	"sync/atomic"
)

// hugeHeapOn is set by main: the command's tests, which run many lints in
// one process, leave the heap alone.
var hugeHeapOn atomic.Bool

// hugeHeapBytes is the part of the heap that hugeHeap backs with huge pages.
// ../shared/corpus/real (1,214 files) allocates about 170 MB in all.
const hugeHeapBytes = 256 << 20

// hugeHeap asks the kernel to back the first hugeHeapBytes of the heap with
// transparent huge pages (2 MB) when it does so only for memory that asks
// (THP mode "madvise", the common default). A lint run allocates its heap
// once and exits: each 4 KB page of it is a page fault the first time it is
// written, and on a virtual machine those faults were most of the system
// time. Measured on 2 shared CPUs, ../shared/corpus/real: 42,000 page faults
// -> 3,000, system time 0.22 s -> 0.09 s (medians of 15 alternated runs),
// task clock 0.81 s -> 0.71 s. The reservation is one allocation and one
// collection, which runs beside the start of the run.
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
	return adviseHugeHeap(hugeHeapBytes)
}
