//go:build !unix

// Package cputime tells the CPU time the process has used, for tests and
// benchmarks that bound or report work.
package cputime

import "time"

var processStart = time.Now()

// Used falls back to the wall time since the process started where
// getrusage is missing.
func Used() time.Duration { return time.Since(processStart) }
