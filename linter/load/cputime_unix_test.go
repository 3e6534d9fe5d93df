//go:build unix

package load

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) the test process has used so far:
// what the bounded checks measure, since wall time on a shared machine says
// more about the other processes than about the linter.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
