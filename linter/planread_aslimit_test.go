package linter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanInputAddressSpace: under a limit on the address space (ulimit
// -v), a plan is read only up to a third of what is left of it, and past
// that it is "more than the limit", saying why. Without it the endless
// stdin {"format_version":"1.2",...,"x":"yyy... read on to the 2 GiB
// limit, and under ulimit -v 3000000 the runtime died first ("fatal error:
// out of memory" and every goroutine's stack, exit status 2, after 1.7 GB);
// a 100 MB plan file did under ulimit -v 1500000.
func TestPlanInputAddressSpace(t *testing.T) {
	const left = 12 << 20 // a limit of 4 MiB
	defer func(f func() (int64, bool)) { inputSpaceLeft = f }(inputSpaceLeft)
	inputSpaceLeft = func() (int64, bool) { return left, true }

	in := &endless{}
	src, err := readPlanInput("-", in)
	if err == nil || src != nil || !strings.Contains(err.Error(), "more than the limit of 4194304 bytes (a third of the 12582912 bytes of address space left under the process's limit, ulimit -v") {
		t.Fatalf("stdin: err = %v (%d bytes)", err, len(src))
	}
	if in.n > left/3+maxReadChunk {
		t.Errorf("read %d bytes of an endless input under a limit of %d", in.n, left/3)
	}

	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	body := `{"format_version":"1.2","resource_changes":[],"x":"` + strings.Repeat("y", 5<<20) + `"}`
	if err := os.WriteFile(big, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, err := readPlanInput(big, nil); err == nil || src != nil || !strings.Contains(err.Error(), "more than the limit of 4194304 (a third of the 12582912 bytes") {
		t.Fatalf("file: err = %v (%d bytes)", err, len(src))
	}

	// A plan within the limit is read; so is any without one.
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{"format_version":"1.2","resource_changes":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readPlanInput(small, nil); err != nil {
		t.Fatal(err)
	}
	inputSpaceLeft = func() (int64, bool) { return 0, false }
	if src, err := readPlanInput(big, nil); err != nil || len(src) != len(body) {
		t.Fatalf("no limit: err = %v (%d bytes)", err, len(src))
	}
}
