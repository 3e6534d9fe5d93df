package main

import (
	"runtime/debug"
	"strconv"
	"strings"
)

// The runtime's soft memory limit is set to memLimitNum/memLimitDen of the
// memory the process may use (the machine's RAM, or its cgroup's limit
// when lower).
const (
	memLimitNum = 3
	memLimitDen = 4
)

// memLimitMin is the least soft memory limit set: below it, the collector
// would run all the time on an ordinary scan.
const memLimitMin = 256 << 20

// softMemoryLimit sets the runtime's soft memory limit (debug.SetMemoryLimit)
// to memLimitNum/memLimitDen of the memory this process may use, unless
// GOMEMLIMIT is set (the user's word wins), and returns it (0: none set).
//
// The collector's policy (tuneGC) lets the heap grow well past the live
// heap between collections, which a big machine can afford: a 50,000-file
// estate peaks at 10.6 GB of RSS with about 5 GB live. On a smaller machine,
// or in a CI container with a memory limit, the same run would be killed by
// the kernel; with the soft limit the collector runs more often instead as
// the heap nears it, and the run completes, more slowly, as long as the live
// heap fits. A run that never nears the limit is not changed.
func softMemoryLimit(getenv func(string) string, total, cgroup uint64) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := memLimitFor(total, cgroup)
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	return limit
}

// memLimitFor is the soft memory limit for a machine with total bytes of
// RAM and a cgroup limit of cgroup bytes (0 when either is unknown or
// unlimited): memLimitNum/memLimitDen of the lower, at least memLimitMin; 0
// when neither is known.
func memLimitFor(total, cgroup uint64) int64 {
	avail := total
	if cgroup > 0 && (avail == 0 || cgroup < avail) {
		avail = cgroup
	}
	if avail == 0 {
		return 0
	}
	limit := avail/memLimitDen*memLimitNum + avail%memLimitDen*memLimitNum/memLimitDen
	if limit > 1<<62 {
		limit = 1 << 62
	}
	return max(int64(limit), memLimitMin)
}

// parseCgroupLimit reads a cgroup memory limit file's content: a number of
// bytes ("2147483648\n"), or "max" (cgroup v2) or a huge number (v1: no
// limit), which are 0.
func parseCgroupLimit(s string) uint64 {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || n >= 1<<62 {
		return 0
	}
	return n
}
