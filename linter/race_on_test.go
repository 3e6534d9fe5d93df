//go:build race

package linter_test

// raceEnabled: the race detector slows the linter 5-10x, so CPU bounds
// (lintBounded) are scaled by 10 under it.
const raceEnabled = true
