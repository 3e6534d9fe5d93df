package linter

import "os"

// SetNoRoots turns lintRoots off (true) or on; it returns the previous
// setting.
func SetNoRoots(off bool) bool {
	old := noRoots
	noRoots = off
	return old
}

// SetRootsRedone sets the hook told why a run linted one root at a time
// was done again the whole-model way (nil: none).
func SetRootsRedone(fn func(why string)) { rootsRedone = fn }

func init() {
	// Benchmarks compare the two ways: IAMLINT_BENCH_NOROOTS=1 lints the
	// merged model.
	if os.Getenv("IAMLINT_BENCH_NOROOTS") != "" {
		noRoots = true
	}
}

// SetMaxWidePatterns sets maxWidePatterns; it returns the previous value.
func SetMaxWidePatterns(n int) int {
	old := maxWidePatterns
	maxWidePatterns = n
	return old
}

// SetRepeatsDropped sets the hook given the number of findings a run linted
// one root at a time left out as repeats (nil: none).
func SetRepeatsDropped(fn func(n int)) { repeatsDropped = fn }
