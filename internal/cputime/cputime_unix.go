//go:build unix

// Package cputime tells the CPU time the process has used, for tests and
// benchmarks that bound or report work: wall time on a shared machine says
// more about the other processes than about the linter.
package cputime

import (
	"syscall"
	"time"
)

// Used is the CPU time (user + system, every thread) the process has used
// so far.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
