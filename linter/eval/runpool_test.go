package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// runTooMany returns the "Too many ..." errors of diags that blame the run
// (its pool), and those that blame the root.
func runTooMany(diags hcl.Diagnostics, summary string) (run, root int) {
	for _, d := range diags {
		if d.Summary != summary {
			continue
		}
		if strings.Contains(d.Detail, "of this run") {
			run++
		} else {
			root++
		}
	}
	return run, root
}

// TestRunPoolBlocks: the roots of one run (evaluations sharing Options)
// share what they make past the first freeBlockInstances instances of
// blocks with count or for_each each: once runPool times a root's limit is
// spent, a root makes its free part and one instance with an unknown key
// per block after it, and says so. A root within its free part is not
// cut. Before, each root could make 100,000: ten one-line roots of a module
// for_each of 100 over a resource for_each of 1000 took 40 s and 2.8 GB.
func TestRunPoolBlocks(t *testing.T) {
	var b strings.Builder
	const blocks = 20
	for i := range blocks {
		fmt.Fprintf(&b, "resource \"aws_iam_user\" \"u%d\" {\n  count = 1024\n}\n", i)
	}
	big, _ := mainTFConfig(t, b.String()) // 20,480 instances, 10,480 past the free part
	small, _ := mainTFConfig(t, "resource \"aws_iam_user\" \"s\" {\n  count = 1000\n}\n")
	opts := &Options{Sources: map[string][]byte{}}
	pool := runPool * minBlockInstances
	roots := pool/(blocks*1024-freeBlockInstances) + 1 // the pool is spent by this one
	for i := range roots + 3 {
		mods, diags := Evaluate(big, nil, opts)
		run, root := runTooMany(diags, "Too many instances")
		if root != 0 {
			t.Fatalf("root %d: cut by its own limit: %v", i, diags)
		}
		n := 0
		for _, bl := range mods[0].Blocks {
			if !strings.HasSuffix(bl.Address, "[*]") {
				n++
			}
		}
		switch {
		case i < roots-1 && (run != 0 || n != blocks*1024):
			t.Fatalf("root %d: %d instances, %d errors; want all, none: %v", i, n, run, diags)
		case i >= roots && (run != 1 || n >= freeBlockInstances+1024):
			t.Fatalf("root %d (pool spent): %d instances, %d errors; want the free part, one error", i, n, run)
		}
	}
	if got := opts.runBlocks.Load(); got < int64(pool) || got > int64(pool+blocks*1024) {
		t.Errorf("pool spent: %d, want about %d", got, pool)
	}
	mods, diags := Evaluate(small, nil, opts)
	if run, root := runTooMany(diags, "Too many instances"); run+root != 0 || len(mods[0].Blocks) != 1000 {
		t.Errorf("a root within its free part: %d instances, errors %v", len(mods[0].Blocks), diags)
	}
}

// TestRunPoolModules: module instances past the first freeModuleInstances
// of each root are drawn from the run's pool too: roots that each call a
// module 2,000 times (a for_each over a module calling itself through
// others multiplies as much) are cut once runPool times a root's limit is
// spent, with an error that names the run.
func TestRunPoolModules(t *testing.T) {
	root, _ := mainTFConfig(t, "module \"m\" {\n  source = \"./m\"\n  for_each = toset([for i in range(1000) : tostring(i)])\n}\nmodule \"n\" {\n  source = \"./m\"\n  for_each = toset([for i in range(1000) : tostring(i)])\n}\n")
	mf, diags := hclsyntax.ParseConfig([]byte("resource \"aws_iam_user\" \"u\" {}\n"), "m/main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	sub, _ := NewConfig("m", []*hcl.File{mf})
	opts := &Options{Sources: map[string][]byte{}, LoadModule: func(*Config, string, string, *Call) (*Config, hcl.Diagnostics) { return sub, nil }}
	pool := runPool * minModuleInstances
	roots := pool/(2000-freeModuleInstances) + 1
	for i := range roots + 2 {
		mods, diags := Evaluate(root, nil, opts)
		run, own := runTooMany(diags, "Too many module instances")
		switch {
		case own != 0:
			t.Fatalf("root %d: cut by its own limit: %v", i, diags)
		case i < roots-1 && (run != 0 || len(mods) != 2001):
			t.Fatalf("root %d: %d modules, %d errors; want 2001, none", i, len(mods), run)
		case i >= roots && (run != 1 || len(mods) != freeModuleInstances+1):
			t.Fatalf("root %d (pool spent): %d modules, %d errors; want %d, one: %v", i, len(mods), run, freeModuleInstances+1, diags)
		}
	}
}

// TestRunPoolForWork: the for expressions of the roots of one run share
// what they iterate past the tenth of the budget free to each root: once
// runPool times the budget is spent, a root starts with only that tenth,
// and its error says why. A root within the tenth is not cut. Before, each
// root had 250,000: twenty one-line roots of a for expression of 1000 by
// 250 took 21 s and 2 GB.
func TestRunPoolForWork(t *testing.T) {
	if testing.Short() {
		t.Skip("about 2 s")
	}
	heavy, _ := mainTFConfig(t, "locals {\n  x = [for i in range(960) : [for j in range(250) : j]]\n}\nresource \"aws_iam_user\" \"u\" {\n  name = jsonencode(local.x)\n}\n")
	light, _ := mainTFConfig(t, "locals {\n  x = [for i in range(100) : [for j in range(100) : j]]\n}\nresource \"aws_iam_user\" \"u\" {\n  name = jsonencode(local.x)\n}\n")
	opts := &Options{Sources: map[string][]byte{}}
	const per = 960 + 960*250 // within maxForWork
	roots := runPool*maxForWork/(per-freeForWork) + 1
	cut := func(diags hcl.Diagnostics) (int, bool) {
		n, note := 0, false
		for _, d := range diags {
			if d.Summary == summaryTooLarge {
				n++
				note = strings.Contains(d.Detail, "the roots of this run before this one spent")
			}
		}
		return n, note
	}
	for i := range roots + 2 {
		_, diags := Evaluate(heavy, nil, opts)
		n, note := cut(diags)
		switch {
		case i < roots && n != 0:
			t.Fatalf("root %d cut: %v", i, diags)
		case i >= roots && (n != 1 || !note):
			t.Fatalf("root %d (pool spent): %d errors (note %v), want one that says why: %v", i, n, note, diags)
		}
	}
	if _, diags := Evaluate(light, nil, opts); len(diags) != 0 {
		t.Errorf("a root within the free tenth: %v", diags)
	}
}
