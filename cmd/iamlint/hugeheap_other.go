//go:build !linux

package main

// adviseHugeHeap does nothing where transparent huge pages are not asked
// for with madvise.
func adviseHugeHeap(int) bool { return false }

// addressSpaceLimited is not asked where the heap is not advised.
var addressSpaceLimited = func() bool { return false }
