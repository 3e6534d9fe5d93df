package linter

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

func TestDedupeKeepsDistinctBlocks(t *testing.T) {
	r := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 8, Byte: 43}}
	fs := []Finding{
		// One local used by two queues: both queues are open.
		{Rule: "star", Range: r, Message: "m", Resource: "aws_sqs_queue.a", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: "aws_sqs_queue.b", Severity: High},
		// Instances of one block: the element is written once.
		{Rule: "star", Range: r, Message: "m", Resource: `aws_iam_policy.p["x"]`, Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `aws_iam_policy.p["y"]`, Severity: High},
	}
	out := dedupe(fs)
	var got []string
	for _, f := range out {
		got = append(got, f.Resource)
	}
	want := `aws_sqs_queue.a aws_sqs_queue.b aws_iam_policy.p["x"]`
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestDedupeTwoModuleCalls(t *testing.T) {
	r := hcl.Range{Filename: "modules/x/main.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 8, Byte: 43}}
	fs := []Finding{
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_policy.p", Severity: High}, // the module dir on its own
		{Rule: "star", Range: r, Message: "m", Resource: "module.api.aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: "module.worker.aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `module.each["a"].aws_iam_policy.p`, Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `module.each["b"].aws_iam_policy.p`, Severity: High},
	}
	out := dedupe(fs)
	var got []string
	for _, f := range out {
		got = append(got, f.Resource)
	}
	want := `module.api.aws_iam_policy.p module.worker.aws_iam_policy.p module.each["a"].aws_iam_policy.p`
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestStripInstanceKeys(t *testing.T) {
	for in, want := range map[string]string{
		`aws_iam_policy.p`:                         `aws_iam_policy.p`,
		`aws_iam_policy.p[0]`:                      `aws_iam_policy.p`,
		`module.m["a]b"].aws_iam_policy.p["k\"]"]`: `module.m.aws_iam_policy.p`,
		`module.m[*].x.y[*]`:                       `module.m.x.y`,
		`[`:                                        ``,
		`a[0]]b`:                                   `ab`,
		`x["]"][`:                                  `x`,
	} {
		if got := stripInstanceKeys(in); got != want {
			t.Errorf("stripInstanceKeys(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAppendStripped: the addresses written one after another into one
// buffer (as dedupe does for a group) each keep their text while the
// buffer grows past its capacity, and an address without keys is the
// address itself.
func TestAppendStripped(t *testing.T) {
	var buf []byte
	var got []string
	var want []string
	for i := range 200 {
		addr := fmt.Sprintf(`module.m["k%d"].aws_iam_policy.p%d[%d]`, i, i, i)
		var s string
		s, buf = appendStripped(buf, addr)
		got = append(got, s)
		want = append(want, fmt.Sprintf("module.m.aws_iam_policy.p%d", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("appendStripped into one buffer = %q, want %q", got, want)
	}
	plain := "aws_iam_policy.p"
	if s, b := appendStripped(buf[:0], plain); s != plain || unsafe.StringData(s) != unsafe.StringData(plain) || len(b) != 0 {
		t.Errorf("appendStripped(%q) = %q (a copy, or bytes written), want the address itself", plain, s)
	}
}

// TestDedupeIntermediateModule: modules/outer calls modules/inner, and the
// root calls modules/outer. Linting modules/outer on its own reaches the
// inner element through a chain that the root's chain extends: only the
// root's instance is reported. A direct call of modules/inner from the root
// (another chain) keeps its own finding.
func TestDedupeIntermediateModule(t *testing.T) {
	r := hcl.Range{Filename: "modules/inner/main.tf", Start: hcl.Pos{Line: 5, Column: 12, Byte: 90}, End: hcl.Pos{Line: 5, Column: 20, Byte: 98}}
	at := func(file string, line int) iam.Related {
		return iam.Related{Range: hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1, Byte: line * 10}}}
	}
	innerCall := at("modules/outer/main.tf", 2)
	outerCall := at("main.tf", 74)
	directCall := at("main.tf", 80)
	fs := []Finding{
		{Rule: "star", Range: r, Message: "m", Resource: "module.inner.aws_iam_role_policy.p[0]", Related: []iam.Related{innerCall}},
		{Rule: "star", Range: r, Message: "m", Resource: "module.outer.module.inner.aws_iam_role_policy.p[0]", Related: []iam.Related{innerCall, outerCall}},
		{Rule: "star", Range: r, Message: "m", Resource: "module.direct.aws_iam_role_policy.p[0]", Related: []iam.Related{directCall}},
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_role_policy.p[0]"}, // modules/inner on its own
	}
	var got []string
	for _, f := range dedupe(fs) {
		got = append(got, f.Resource)
	}
	want := "module.outer.module.inner.aws_iam_role_policy.p[0] module.direct.aws_iam_role_policy.p[0]"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// A root module resource and a called module's resource that read the same
// file()d JSON are distinct blocks: the root one is not a module directory
// linted on its own, and keeps its finding.
func TestDedupeRootBlockSharingModuleFile(t *testing.T) {
	r := hcl.Range{Filename: "policies/a.json", Start: hcl.Pos{Line: 1, Column: 71, Byte: 70}, End: hcl.Pos{Line: 1, Column: 78, Byte: 77}}
	call := iam.Related{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 1}}}
	fs := []Finding{
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_policy.root_rel"},
		{Rule: "star", Range: r, Message: "m", Resource: "module.m.aws_iam_policy.p", Related: []iam.Related{call}},
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_policy.p"}, // modules/m on its own
	}
	var got []string
	for _, f := range dedupe(fs) {
		got = append(got, f.Resource)
	}
	if strings.Join(got, " ") != "aws_iam_policy.root_rel module.m.aws_iam_policy.p" {
		t.Errorf("dedupe kept %v", got)
	}
	if b := blockTail(`module.a["x"].module.b[0].data.aws_iam_policy_document.d["k"]`); b != "data.aws_iam_policy_document.d" {
		t.Errorf("blockTail = %q", b)
	}
}

// TestDedupeInPlaceOrder: findings of interleaved groups come out group by
// group in order of first appearance (a group's blocks in order), the
// dropped ones cleared, in the array of fs.
func TestDedupeInPlaceOrder(t *testing.T) {
	r := func(line int) hcl.Range {
		return hcl.Range{Filename: "m/main.tf", Start: hcl.Pos{Line: line, Column: 1, Byte: line * 10}, End: hcl.Pos{Line: line, Column: 4, Byte: line*10 + 3}}
	}
	fs := []Finding{
		{Rule: "a", Range: r(1), Message: "m", Resource: "aws_iam_policy.p", Severity: High}, // dropped: module.x has it
		{Rule: "a", Range: r(2), Message: "m", Resource: "aws_iam_policy.q", Severity: High},
		{Rule: "a", Range: r(1), Message: "m", Resource: "module.x.aws_iam_policy.p", Severity: High},
		{Rule: "a", Range: r(3), Message: "m", Resource: "aws_iam_policy.s", Severity: High},
		{Rule: "a", Range: r(2), Message: "m", Resource: "aws_iam_policy.r", Severity: High},
		{Rule: "a", Range: r(2), Message: "m", Resource: `aws_iam_policy.q["k"]`, Severity: High}, // an instance of q
		{Rule: "a", Range: r(1), Message: "m", Resource: "module.y.aws_iam_policy.p", Severity: High},
	}
	arr := &fs[0]
	out := dedupe(fs)
	var got []string
	for _, f := range out {
		got = append(got, f.Resource)
	}
	want := "module.x.aws_iam_policy.p module.y.aws_iam_policy.p aws_iam_policy.q aws_iam_policy.r aws_iam_policy.s"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
	if &out[0] != arr || cap(out) != len(out) {
		t.Error("not in the array of fs, or not clipped")
	}
	for _, f := range fs[len(out):] {
		if f.Resource != "" {
			t.Errorf("dropped finding %s not cleared", f.Resource)
		}
	}
}

// TestPermute: every permutation of a few findings, and random big ones,
// move fs[idx[i]] to fs[i].
func TestPermute(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 5, 8, 100, 1000} {
		for range 20 {
			fs := make([]Finding, n)
			for i := range fs {
				fs[i].Message = strconv.Itoa(i)
			}
			idx := make([]int32, n)
			for i := range idx {
				idx[i] = int32(i)
			}
			rnd.Shuffle(n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
			want := make([]string, n)
			for i, j := range idx {
				want[i] = fs[j].Message
			}
			permute(fs, idx)
			for i := range fs {
				if fs[i].Message != want[i] {
					t.Fatalf("n %d: fs[%d] = %s, want %s", n, i, fs[i].Message, want[i])
				}
			}
		}
	}
}

// TestChainPrefixesSameAsScan: chainPrefixes (big groups) says what
// chainShadowed says, on random groups of call chains drawn from a few
// ranges (so that prefixes are shared, equal and not).
func TestChainPrefixesSameAsScan(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	ranges := []hcl.Range{
		{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: 0}, End: hcl.Pos{Line: 1, Column: 9, Byte: 8}},
		{Filename: "main.tf", Start: hcl.Pos{Line: 2, Column: 1, Byte: 9}, End: hcl.Pos{Line: 2, Column: 9, Byte: 17}},
		{Filename: "m/main.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: 0}, End: hcl.Pos{Line: 1, Column: 9, Byte: 8}},
		{Filename: "m/main.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: 0}, End: hcl.Pos{Line: 1, Column: 10, Byte: 9}},
		{Filename: "main.tf1", Start: hcl.Pos{Line: 1, Column: 1, Byte: 0}, End: hcl.Pos{Line: 1, Column: 9, Byte: 8}},
	}
	for range 200 {
		fs := make([]Finding, 1+rnd.IntN(300))
		idx := make([]int, len(fs))
		for i := range fs {
			idx[i] = i
			for range rnd.IntN(4) {
				fs[i].Related = append(fs[i].Related, iam.Related{Range: ranges[rnd.IntN(len(ranges))], Message: "module called here"})
			}
		}
		shadowed := chainPrefixes(fs, idx)
		for i, f := range fs {
			if got, want := shadowed(f), chainShadowed(f, fs, idx); got != want {
				t.Fatalf("finding %d (%v): chainPrefixes %v, chainShadowed %v", i, f.Related, got, want)
			}
		}
	}
}

// TestChainPrefixesDeep: a group of findings at one element reached through
// a chain of modules each calling the next (--max-module-depth 1000; the
// element a root variable's default passed down) takes memory linear in the
// chains' lengths: it was their square per finding (the prefixes were
// strings of their ranges), 3.5 GB allocated for 500 findings 500 deep.
// Every finding but the deepest is shadowed.
func TestChainPrefixesDeep(t *testing.T) {
	const n = 200
	chain := make([]iam.Related, n)
	for i := range chain {
		name := "m" + strconv.Itoa(i) + "/main.tf"
		chain[i] = iam.Related{Range: hcl.Range{Filename: name, Start: hcl.Pos{Line: 2, Column: 1, Byte: 40}, End: hcl.Pos{Line: 2, Column: 11, Byte: 50}}, Message: "module called here"}
	}
	fs := make([]Finding, n)
	idx := make([]int, n)
	for i := range fs {
		idx[i] = i
		fs[i].Related = chain[:i+1]
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	shadowed := chainPrefixes(fs, idx)
	for i, f := range fs {
		if got, want := shadowed(f), i < n-1; got != want {
			t.Fatalf("finding %d: shadowed %v, want %v", i, got, want)
		}
	}
	runtime.ReadMemStats(&after)
	// Linear: n prefixes (the chains share theirs), 43 KB; it was 38 MB
	// (n*n/2 bytes of ranges in strings, built for every finding).
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("chainPrefixes allocated %d bytes for %d findings %d deep; want under 4 MiB", got, n, n)
	}
}
