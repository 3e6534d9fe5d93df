package main

import (
	"runtime"
	"runtime/debug"
	"syscall"
)

// adviseHugeHeap makes the heap span n bytes of address space, marks them
// MADV_HUGEPAGE and hands them back to the heap: the spans allocated next
// are carved from that range (the page allocator takes the lowest free
// addresses first), so their first writes fault in 2 MB pages. The range is
// only reserved, not touched: memory the run does not use is not resident.
func adviseHugeHeap(n int) bool {
	// No collection is started by the allocation (it would mark the new
	// object live, and keep it until the one after): one collection, after
	// it, frees it. The run goes on meanwhile (the heap is still small: the
	// flags and configuration read so far); what it allocates before the
	// range is free lands next to it, on small pages.
	old := debug.SetGCPercent(-1)
	err := adviseFresh(n)
	debug.SetGCPercent(old)
	go runtime.GC()
	return err == nil
}

// adviseFresh allocates n bytes (a fresh span of the heap, not written:
// known to be zero) and marks them MADV_HUGEPAGE.
func adviseFresh(n int) error {
	b := make([]byte, n)
	return syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}

// addressSpaceLimited says whether the process runs under a limit on its
// address space (RLIMIT_AS, ulimit -v) below 16 TiB (infinity is all ones;
// a real limit is far below that).
var addressSpaceLimited = func() bool {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil {
		return true // unknown: do not risk the reservation
	}
	return r.Cur < 1<<44
}
