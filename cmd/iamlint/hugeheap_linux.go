package main

import (
	"runtime"
	"syscall"
)

// adviseHugeHeap makes the heap span n bytes of address space, marks them
// MADV_HUGEPAGE and hands them back to the heap: the spans allocated next
// are carved from that range (the page allocator takes the lowest free
// addresses first), so their first writes fault in 2 MB pages. The range is
// only reserved, not touched: memory the run does not use is not resident.
func adviseHugeHeap(n int) bool {
	err := adviseFresh(n)
	// The span is free once collected; the collection of a heap this small
	// (the flags and configuration read so far) is a fraction of a
	// millisecond.
	runtime.GC()
	return err == nil
}

// adviseFresh allocates n bytes (a fresh span of the heap, not written:
// known to be zero) and marks them MADV_HUGEPAGE.
func adviseFresh(n int) error {
	b := make([]byte, n)
	return syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
