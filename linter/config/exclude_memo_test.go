package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestExcludedMemoized: Excluded is asked for each finding, error and
// notice, and asks every exclude pattern: 2,000 patterns on a 1,000-file
// estate (tens of thousands of findings) ran past a minute. It is
// memoized by file name: asked 2,000 times of 20 files, each file is
// matched once against the 1,000 patterns (the most exclude takes;
// 20,000 matches, not 2 million), with the same answers.
func TestExcludedMemoized(t *testing.T) {
	var pats []string
	for i := range maxExcludePatterns - 1 {
		pats = append(pats, fmt.Sprintf(`"**/*a*b*%d/zz"`, i))
	}
	pats = append(pats, `"legacy/**"`)
	c, diags := Parse("/repo/.iamlint.hcl", []byte("exclude = ["+strings.Join(pats, ", ")+"]\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	start := cputime.Used()
	for i := range 2000 {
		dir := "live"
		if i%2 == 1 {
			dir = "legacy"
		}
		file := fmt.Sprintf("/repo/%s/x%d/main.tf", dir, i%10)
		if got, want := c.Excluded(file), dir == "legacy"; got != want {
			t.Fatalf("Excluded(%s) = %v, want %v", file, got, want)
		}
	}
	if el := cputime.Used() - start; el > 3*time.Second {
		t.Errorf("2,000 calls took %v of CPU", el)
	}
}
