package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// refCheckSelfPolicyEdit is checkSelfPolicyEdit as it was before its
// candidates and matches were found once per document (session 40): every
// statement of every document judged again for each principal holding it.
func refCheckSelfPolicyEdit(p *linter.Pass) {
	g := graph(p)
	// The customer managed policies attached to each principal, and the
	// identity documents each principal holds: only of the principals with
	// such a policy (the others are not judged; a plan has hundreds of
	// thousands of principals), in the order they first appear among the
	// attachments.
	attached := map[*iam.Entity][]*iam.Document{}
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil {
			continue
		}
		for _, d := range a.Policies {
			if d != nil && !d.Managed && d.PolicyName != "" {
				attached[a.Principal] = append(attached[a.Principal], d)
			}
		}
	}
	if len(attached) == 0 {
		return
	}
	held := make(map[*iam.Entity][]*iam.Document, len(attached))
	var order []*iam.Entity
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil || attached[a.Principal] == nil {
			continue
		}
		if _, ok := held[a.Principal]; !ok {
			held[a.Principal] = nil
			order = append(order, a.Principal)
		}
		for _, d := range a.Policies {
			if d == nil || d.Managed {
				continue
			}
			held[a.Principal] = append(held[a.Principal], d)
		}
	}
	for _, ip := range g.Inline {
		if ip == nil || ip.Principal == nil || attached[ip.Principal] == nil {
			continue
		}
		held[ip.Principal] = append(held[ip.Principal], ip.Documents...)
	}
	reported := map[iam.Range]bool{}
	for _, e := range order {
		own := attached[e]
		if len(own) == 0 {
			continue
		}
		for _, d := range held[e] {
			if d == nil || d.Kind != iam.Identity {
				continue
			}
			for _, s := range d.AllStatements() {
				if s == nil || !s.IsAllow() || s.NotResource().Present {
					continue
				}
				var act iam.Value
				var action string
				for _, a := range selfEditActions {
					if v, ok := s.GrantsAction(a); ok {
						act, action = v, a
						break
					}
				}
				if action == "" {
					continue
				}
				for _, r := range s.Resources {
					if !r.Known || effective.UnscopedResource(r) || reported[r.Range] {
						continue
					}
					target := matchOwnPolicy(r.Text, own)
					if target == nil {
						continue
					}
					reported[r.Range] = true
					sev := linter.Severity(0)
					note := ""
					if len(s.Conditions()) > 0 {
						sev = linter.High
						note = " (a condition narrows the statement: severity lowered to high)"
					}
					reportPolicy(p, d, linter.Finding{
						Severity: sev,
						Message: fmt.Sprintf("policy grants privilege escalation: %s (through %q) on %q, which matches policy %q attached to %s: "+
							"the holder can write a new version of its own policy and grant itself anything; exclude the policies attached to it%s",
							action, act.Text, r.Text, target.PolicyName, entityName(e), note),
						Range:   r.Range.HCL(),
						Related: []iam.Related{{Range: target.Range.HCL(), Message: "the policy it can rewrite"}},
					})
				}
			}
		}
	}
}

// selfEditSrc: 30 roles attached one or two of 5 customer managed policies
// (two with a path) and a shared policy whose self-edit grants match some of
// them (wildcards, a literal ARN, a condition, non-IAM and NotResource
// statements), each role with an inline policy naming another's.
const selfEditSrc = `resource "aws_iam_policy" "own" {
  count  = 5
  name   = "own${count.index}"
  path   = count.index < 2 ? "/team/" : null
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "*" }] })
}
resource "aws_iam_policy" "shared" {
  name = "shared"
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = ["arn:aws:iam::*:policy/team/own*", "arn:aws:s3:::own0"] },
    { Effect = "Allow", Action = "iam:*PolicyVersion", Resource = "arn:aws:iam::123456789012:policy/own3" },
    { Effect = "Allow", Action = "iam:SetDefaultPolicyVersion", Resource = "arn:aws:iam::*:policy/own?", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
    { Effect = "Allow", Action = "iam:CreatePolicyVersion", NotResource = "arn:aws:iam::*:policy/own4" },
    { Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "arn:aws:iam::*:policy/nomatch" },
  ] })
}
resource "aws_iam_role" "r" {
  count              = 30
  name               = "r${count.index}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy_attachment" "own" {
  count      = 30
  role       = aws_iam_role.r[count.index].name
  policy_arn = aws_iam_policy.own[count.index % 5].arn
}
resource "aws_iam_role_policy_attachment" "own2" {
  count      = 10
  role       = aws_iam_role.r[count.index * 3].name
  policy_arn = aws_iam_policy.own[(count.index + 2) % 5].arn
}
resource "aws_iam_role_policy_attachment" "shared" {
  count      = 30
  role       = aws_iam_role.r[count.index].name
  policy_arn = aws_iam_policy.shared.arn
}
resource "aws_iam_role_policy" "inline" {
  count  = 30
  role   = aws_iam_role.r[count.index].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "arn:aws:iam::*:policy/*own${(count.index + 1) % 5}" }] })
}
`

// TestSelfPolicyEditOnce: the findings of checkSelfPolicyEdit are those of
// the per-principal judgement, in the same order.
func TestSelfPolicyEditOnce(t *testing.T) {
	m := selfEditModel(t, selfEditSrc)
	r := ByID("privilege-escalation")
	run := func(check func(*linter.Pass)) []string {
		var out []string
		check(linter.NewPass(r, m, func(f linter.Finding) {
			out = append(out, fmt.Sprintf("%s:%d:%d %v %s", filepath.Base(f.Range.Filename), f.Range.Start.Line, f.Range.Start.Column, f.Severity, f.Message))
		}))
		return out
	}
	got, want := run(checkSelfPolicyEdit), run(refCheckSelfPolicyEdit)
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) != 4 {
		t.Errorf("%d findings: the test lost its cases:\n%s", len(want), strings.Join(want, "\n"))
	}
}

// TestSelfIndexMatchOwn: the candidates selfIndex finds by the literal
// prefixes and suffixes of their path patterns, with the first policy of
// a list each matches, are those matchOwnPath finds asking every pattern
// of every policy: wildcards at the start, middle and end, '?', case,
// paths, an empty pattern, prefix and suffix meeting, and text that is not
// UTF-8 (a byte that is not reads as U+FFFD, as U+FFFD itself does), for
// lists of policies in several orders.
func TestSelfIndexMatchOwn(t *testing.T) {
	paths := []string{
		"policy/own1", "policy/*", "policy/team/*", "policy/o?n*", "*", "?olicy/own1", "policy/\xffx",
		"policy/\uFFFDx", "policy/own1*", "policy/ow", "", "policy/team/own0", "Policy/own1", "policy/*/own*",
		"policy/ünï*", "policy/?nï?ode", "policy/team/*0", "policy/\xff*", "policy/t*m/own?", "policy/own1",
		"policy/team", "policy/team/", "poli*", "policy/own2?", "policy/*1", "policy/*own1", "*\xffx", "*\uFFFDx",
		"policy/o*n1", "p*1", "policy/own*own1", "policy/*/own0", "policy/team/*/own0", "*code", "policy/?wn?",
		"policy/own1?*1", "*/own0", "policy/t*/*0", "*icy/ow*",
	}
	var cs []selfCand
	for _, p := range paths {
		cs = append(cs, selfCand{path: p})
	}
	docs := []*iam.Document{
		{PolicyName: "own0", PolicyPath: "/team/"},
		{PolicyName: "own1"},
		{PolicyName: "own1", PolicyPath: "team"},
		{PolicyName: "\xffx", PolicyPath: "/"},
		{PolicyName: "\uFFFDx"},
		{PolicyName: "ünïcode"},
		{PolicyName: "own20"},
		{PolicyName: "OWN1"},
		{PolicyName: "own0", PolicyPath: "/t/e/a/m/"},
	}
	lists := [][]*iam.Document{docs, {docs[1]}, {docs[4], docs[3]}, {docs[3], docs[4]}}
	for i := range docs {
		rev := slices.Clone(docs[i:])
		slices.Reverse(rev)
		lists = append(lists, rev, append(slices.Clone(docs[i:]), docs[:i]...))
	}
	ci := newSelfIndex(cs)
	found := 0
	for round := range 2 { // the second from the memo
		for li, own := range lists {
			var want []selfMatch
			for i, c := range cs {
				if t := matchOwnPath(c.path, own); t != nil {
					want = append(want, selfMatch{i, t})
				}
			}
			got := ci.matchOwn(own)
			if !slices.Equal(got, want) {
				t.Errorf("round %d, list %d: %v, want %v", round, li, got, want)
			}
			found += len(want)
		}
	}
	if found < 100 {
		t.Errorf("%d matches in all: the test lost its cases", found)
	}
}

// TestSelfIndexPieces: patterns whose literal prefix all share
// ("policy/*x${i}*") are found by a piece of their middle: against
// policies none matches, few patterns are matched, not every pattern
// against every policy (10,000 of each were 100 million matches); the
// matches are those matchOwnPath finds.
func TestSelfIndexPieces(t *testing.T) {
	const n = 2000
	var cs []selfCand
	for i := range n {
		cs = append(cs, selfCand{path: fmt.Sprintf("policy/*x%d*", i)})
	}
	cs = append(cs, selfCand{path: "policy/*-z"}, selfCand{path: "policy/team/*"}, selfCand{path: "policy/pol-y1?-*"})
	cs = append(cs, selfCand{path: "policy/*-z"})
	var docs []*iam.Document
	for i := range n {
		docs = append(docs, &iam.Document{PolicyName: fmt.Sprintf("pol-y%d-z", i)})
	}
	docs = append(docs, &iam.Document{PolicyName: "pol-x17-z"}, &iam.Document{PolicyName: "a", PolicyPath: "/team/"})
	ci := newSelfIndex(cs)
	var want []selfMatch
	for i, c := range cs {
		if d := matchOwnPath(c.path, docs); d != nil {
			want = append(want, selfMatch{i, d})
		}
	}
	if got := ci.matchOwn(docs); !slices.Equal(got, want) {
		t.Errorf("matches %v, want %v", got, want)
	}
	// *x1* and *x17* match "pol-x17-z", *-z (twice) "pol-y0-z", team/*
	// "a", pol-y1?-* "pol-y10-z".
	if len(want) != 6 {
		t.Errorf("%d matches: the test lost its cases", len(want))
	}
	if ci.globs > 20*len(docs) {
		t.Errorf("%d patterns matched for %d patterns and %d policies", ci.globs, len(cs), len(docs))
	}
	// The same pattern many times, alone: each of its keys as shared as
	// "policy/", which every policy starts with.
	var same []selfCand
	for range n {
		same = append(same, selfCand{path: "policy/*-z*q"})
	}
	ci = newSelfIndex(same)
	if got := ci.matchOwn(docs); len(got) != 0 {
		t.Errorf("matches %v, want none", got)
	}
	if ci.globs > len(docs) {
		t.Errorf("%d patterns matched for %d of the same and %d policies", ci.globs, len(same), len(docs))
	}
}

// TestSelfPolicyEditNoCandidates: the policies attached to a principal
// that allow no self-edit are not each asked about every attached policy
// (1,000 policies attached to a role were a memo of a million entries,
// 10,000 took 7.8 GB): checkSelfPolicyEdit allocates little more than its
// tables of principals.
func TestSelfPolicyEditNoCandidates(t *testing.T) {
	const src = `
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_policy" "p" {
  count  = 1000
  name   = "pol-${count.index}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  count      = 1000
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p[count.index].arn
}
`
	m := selfEditModel(t, src)
	r := ByID("privilege-escalation")
	n := 0
	pass := linter.NewPass(r, m, func(linter.Finding) { n++ })
	graph(pass) // built once per model, outside the count
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	checkSelfPolicyEdit(pass)
	runtime.ReadMemStats(&after)
	if n != 0 {
		t.Errorf("%d findings, want 0", n)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 8<<20 {
		t.Errorf("checkSelfPolicyEdit allocated %d bytes for 1,000 policies attached to a role", a)
	}
}

// TestSelfPolicyEditManyDocuments: 1,000 policies attached to a role,
// each allowing iam:CreatePolicyVersion on a policy ARN (one matching a
// policy of the role, the others none), are asked together, not each
// about the 1,000 policies (a million remembered matches; 8,000 took
// 6.4 GB): the findings are those of the per-principal judgement and
// checkSelfPolicyEdit allocates little.
func TestSelfPolicyEditManyDocuments(t *testing.T) {
	const src = `
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_policy" "p" {
  count  = 1000
  name   = "pol-${count.index}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = count.index == 7 ? "arn:aws:iam::*:policy/pol-99?" : "arn:aws:iam::*:policy/other-${count.index}" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  count      = 1000
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p[count.index].arn
}
`
	m := selfEditModel(t, src)
	r := ByID("privilege-escalation")
	run := func(check func(*linter.Pass)) []string {
		var out []string
		pass := linter.NewPass(r, m, func(f linter.Finding) {
			out = append(out, fmt.Sprintf("%d:%d %s", f.Range.Start.Line, f.Range.Start.Column, f.Message))
		})
		graph(pass)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		check(pass)
		runtime.ReadMemStats(&after)
		out = append(out, fmt.Sprint(after.TotalAlloc-before.TotalAlloc))
		return out
	}
	got, want := run(checkSelfPolicyEdit), run(refCheckSelfPolicyEdit)
	alloc := got[len(got)-1]
	got, want = got[:len(got)-1], want[:len(want)-1]
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) != 1 || !strings.Contains(want[0], `matches policy "pol-990"`) {
		t.Errorf("findings %q: the test lost its case", want)
	}
	var a uint64
	if _, err := fmt.Sscan(alloc, &a); err != nil {
		t.Fatal(err)
	}
	if a > 8<<20 {
		t.Errorf("checkSelfPolicyEdit allocated %d bytes for 1,000 policies attached to a role", a)
	}
}

// selfEditModel is the IAM model of src, the main.tf of a module: no load
// or extraction error.
func selfEditModel(t *testing.T, src string) *iam.Model {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: extract.Renderers()})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	m, diags := extract.Extract(res)
	if diags.HasErrors() {
		t.Fatalf("extract: %v", diags)
	}
	return m
}
