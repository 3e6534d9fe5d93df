package main

import (
	"syscall"
	"testing"
)

// addressSpaceLimited reads RLIMIT_AS: a finite soft limit is a limit.
func TestAddressSpaceLimited(t *testing.T) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil {
		t.Skip(err)
	}
	if r.Cur != ^uint64(0) {
		t.Skipf("the test runs under an address-space limit already (%d)", r.Cur)
	}
	if addressSpaceLimited() {
		t.Fatal("no limit, and addressSpaceLimited says there is one")
	}
	// 1 TiB: finite, and far above what this test process uses.
	lim := r
	lim.Cur = 1 << 40
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		t.Skip(err)
	}
	defer func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &r); err != nil {
			t.Fatal(err)
		}
	}()
	if !addressSpaceLimited() {
		t.Fatal("a 1 TiB limit, and addressSpaceLimited says there is none")
	}
}
