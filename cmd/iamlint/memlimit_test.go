package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemLimitFor(t *testing.T) {
	const gib = 1 << 30
	for _, c := range []struct {
		total, cgroup uint64
		want          int64
	}{
		{0, 0, 0},                       // nothing known: no limit
		{8 * gib, 0, 6 * gib},           // the machine's RAM
		{8 * gib, 2 * gib, 3 * gib / 2}, // a container's limit below it
		{2 * gib, 8 * gib, 3 * gib / 2}, // a cgroup limit above the RAM does not count
		{0, 4 * gib, 3 * gib},           // RAM unknown, cgroup known
		{100 << 20, 0, memLimitMin},     // never below the minimum
		{math.MaxUint64, 0, 1 << 62},    // no overflow
	} {
		if got := memLimitFor(c.total, c.cgroup); got != c.want {
			t.Errorf("memLimitFor(%d, %d) = %d, want %d", c.total, c.cgroup, got, c.want)
		}
	}
}

func TestParseCgroupLimit(t *testing.T) {
	for in, want := range map[string]uint64{
		"2147483648\n":          2147483648,
		"max\n":                 0, // cgroup v2: unlimited
		"9223372036854771712\n": 0, // cgroup v1: unlimited
		"":                      0,
		"garbage":               0,
		"-1":                    0,
	} {
		if got := parseCgroupLimit(in); got != want {
			t.Errorf("parseCgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSoftMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return v
			}
			return ""
		}
	}
	if got := softMemoryLimit(env("1GiB"), 8<<30, 0); got != 0 || debug.SetMemoryLimit(-1) != old {
		t.Errorf("GOMEMLIMIT set: softMemoryLimit = %d and the runtime's limit changed; want the user's limit kept", got)
	}
	if got := softMemoryLimit(env(""), 8<<30, 2<<30); got != 3<<29 || debug.SetMemoryLimit(-1) != 3<<29 {
		t.Errorf("softMemoryLimit = %d, runtime limit %d; want %d", got, debug.SetMemoryLimit(-1), 3<<29)
	}
}

func TestMachineMemory(t *testing.T) {
	total, cgroup := machineMemory()
	if runtime.GOOS == "linux" && total == 0 {
		t.Errorf("machineMemory: total RAM unknown on linux")
	}
	if total > 0 && (total < 64<<20 || total > 1<<50) {
		t.Errorf("machineMemory: total %d bytes is not plausible", total)
	}
	t.Logf("total %d MiB, cgroup limit %d MiB", total>>20, cgroup>>20)
}
