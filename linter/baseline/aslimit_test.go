package baseline

import (
	"strings"
	"testing"
)

// endlessFingerprint is a baseline that never ends: one fingerprint of y's.
type endlessFingerprint struct{ n int64 }

func (e *endlessFingerprint) Read(p []byte) (int, error) {
	const head = `{"version":1,"findings":[{"fingerprint":"`
	for i := range p {
		if e.n+int64(i) < int64(len(head)) {
			p[i] = head[e.n+int64(i)]
		} else {
			p[i] = 'y'
		}
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestReadAddressSpace: under a limit on the address space (ulimit -v), a
// baseline is read up to a third of what is left of it, and past that it is
// "more than" that, saying why. An endlessFingerprint one piped to --baseline
// /dev/stdin was read to 512 MiB, as one string growing by doubling, and
// under ulimit -v 2000000 the runtime died first ("fatal error: out of
// memory" and its stacks).
func TestReadAddressSpace(t *testing.T) {
	defer func(f func() (int64, bool)) { AddressSpaceLeft = f }(AddressSpaceLeft)
	AddressSpaceLeft = func() (int64, bool) { return 3 << 20, true }
	in := &endlessFingerprint{}
	_, err := Read(in)
	const want = "baseline: more than 1048576 bytes (a third of the 3145728 bytes of address space left under the process's limit, ulimit -v)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if in.n > 2<<20 {
		t.Errorf("read %d bytes of an endlessFingerprint baseline under a limit of 1 MiB", in.n)
	}
	if err := CheckSize(1<<20 + 1); err == nil || err.Error() != want {
		t.Errorf("CheckSize: err = %v, want %q", err, want)
	}
	// Within the limit, or without one, as before.
	if _, err := Read(strings.NewReader(`{"version":1,"findings":[]}`)); err != nil {
		t.Fatal(err)
	}
	AddressSpaceLeft = func() (int64, bool) { return 0, false }
	if err := CheckSize(100 << 20); err != nil {
		t.Fatal(err)
	}
}
