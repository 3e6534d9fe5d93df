package main

import (
	"io"
	"os"
	"syscall"
)

// machineMemory returns the machine's RAM and the memory limit of this
// process's cgroup (v2, then v1), in bytes; 0 when unknown or unlimited.
func machineMemory() (total, cgroup uint64) {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil {
		total = uint64(si.Totalram) * uint64(si.Unit)
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if n := parseCgroupLimit(readSmall(p)); n > 0 {
			return total, n
		}
	}
	return total, 0
}

// readSmall reads at most 64 bytes of a file ("" on any error).
func readSmall(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 64))
	return string(b)
}
