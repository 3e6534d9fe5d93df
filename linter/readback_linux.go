package linter

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// addressSpaceLeft returns the bytes of address space the process may
// still map under its limit (RLIMIT_AS, ulimit -v), false when it has no
// such limit or its size is unknown.
var addressSpaceLeft = func() (int64, bool) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil || r.Cur >= 1<<44 {
		return 0, false
	}
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f, _, _ := bytes.Cut(statm, []byte(" "))
	pages, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil {
		return 0, false
	}
	return int64(r.Cur) - pages*int64(os.Getpagesize()), true
}
