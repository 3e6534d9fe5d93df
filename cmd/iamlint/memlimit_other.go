//go:build !linux

package main

// machineMemory is unknown here: no soft memory limit is set.
func machineMemory() (total, cgroup uint64) { return 0, 0 }
