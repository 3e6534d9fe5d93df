package effective

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestUniverse: every action of the escalation table and every IAM action of
// the catalog has an id (else the fast paths would miss them).
func TestUniverse(t *testing.T) {
	u := universe()
	if len(u.names) >= maxUniverse {
		t.Fatalf("universe has %d actions, the bit sets hold %d: raise maxUniverse", len(u.names), maxUniverse)
	}
	for _, ep := range EscalationPaths {
		for _, grp := range ep.Groups {
			for _, a := range grp {
				if _, ok := ActionID(a); !ok {
					t.Errorf("%s: no id", a)
				}
				if _, ok := awsdata.LookupAction(a); !ok {
					t.Errorf("%s (escalation table) is not in the catalog", a)
				}
			}
		}
	}
	svc, _ := awsdata.LookupService("iam")
	for _, a := range svc.Actions {
		if _, ok := ActionID(a.FullName()); !ok {
			t.Errorf("%s: no id", a.FullName())
		}
	}
	if id, ok := ActionID("IAM:passrole"); !ok || u.names[id] != "iam:PassRole" {
		t.Errorf("ActionID is not case-insensitive")
	}
	// IAM does not trim an action: with white space it names no action.
	if id, ok := ActionID(" iam:PassRole "); ok {
		t.Errorf("ActionID(\" iam:PassRole \") = %s, want none", u.names[id])
	}
}

// TestPatternBitsMatchesGlob checks PatternBits against iam.MatchAction on
// every universe action.
func TestPatternBitsMatchesGlob(t *testing.T) {
	u := universe()
	for _, p := range []string{"*", "*:*", "iam:*", "IAM:Pass*", "iam:PassRole", "iam:passrole", "iam:?assRole",
		"*:Create*", "ec2:Run*", "lambda:*Function*", "s3:*", "ssm:S*", "iam:Put*Policy", "*Policy", "glue:*Dev*", "nope:*", "iam:Nope", " iam:PassRole ", ""} {
		b := PatternBits(p)
		for id, n := range u.names {
			want := iam.MatchAction(p, n) // " iam:PassRole " matches nothing: IAM does not trim
			if b.Has(id) != want {
				t.Errorf("PatternBits(%q) has %s = %v, MatchAction says %v", p, n, b.Has(id), want)
			}
		}
	}
}

// TestPatternBitsFoldMask compares matchUniverse, which skips the names that
// lack a byte the pattern's literal runes match (any case), with
// MatchAction on every name, on random patterns: pieces of universe names,
// wildcards, upper case, runes whose lower case is ASCII ('K' Kelvin, 'İ')
// or not, bytes that share a mask bit ('a' and '!'), invalid UTF-8.
func TestPatternBitsFoldMask(t *testing.T) {
	u := universe()
	rng := rand.New(rand.NewPCG(5, 8))
	pieces := []string{"*", "?", ":", "!", "A", "K", "\u212a", "İ", "é", "\xff", "**", "*:", "iam", "Role"}
	matched := 0
	check := func(p string) bool {
		got := matchUniverse(u, p)
		any := false
		for id, n := range u.names {
			want := iam.MatchAction(p, n)
			any = any || want
			if got.Has(id) != want {
				t.Fatalf("matchUniverse(%q) has %s = %v, MatchAction says %v", p, n, got.Has(id), want)
			}
		}
		return any
	}
	for _, p := range []string{"iam:CreateAccess\u212aey", "\u0130AM:*", "*\u212a*", "*\u0130*"} {
		if !check(p) {
			t.Fatalf("%q matches no name: the test checks too little", p)
		}
	}
	for range 3000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			for range 1 + rng.IntN(8) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		} else {
			n := []rune(u.names[rng.IntN(len(u.names))])
			for range rng.IntN(4) {
				i := rng.IntN(len(n))
				j := i + rng.IntN(min(6, len(n)-i)+1)
				n = append(n[:i:i], append([]rune(pieces[rng.IntN(len(pieces))]), n[j:]...)...)
			}
			for i := range n {
				if rng.IntN(6) == 0 {
					n[i] = unicode.ToUpper(n[i])
				}
			}
			b.WriteString(string(n))
		}
		if check(b.String()) {
			matched++
		}
	}
	if matched < 500 {
		t.Fatalf("only %d of 3000 random patterns matched a name: the test checks too little", matched)
	}
}

func TestStatementBits(t *testing.T) {
	v := func(s string) iam.Value { return iam.KnownValue(s, hcl.Range{}) }
	pass, _ := ActionID("iam:PassRole")
	run, _ := ActionID("ec2:RunInstances")
	st := &iam.Statement{Extra: &iam.StatementExtra{NotAction: iam.Element{Present: true}, NotActions: []iam.Value{v("iam:*")}}}
	b := StatementBits(st)
	if b.Has(pass) || !b.Has(run) {
		t.Errorf("NotAction iam:* covers PassRole %v, RunInstances %v", b.Has(pass), b.Has(run))
	}
	if at, ok := ValueFor(st, "ec2:RunInstances"); !ok || at.Text != "NotAction" {
		t.Errorf("ValueFor NotAction = %q %v", at.Text, ok)
	}
	st.Extra.NotActions = append(st.Extra.NotActions, iam.Value{}) // unknown: grants nothing known
	if b := StatementBits(st); !b.Empty() {
		t.Error("NotAction with an unknown element covers something")
	}
	st = &iam.Statement{Actions: []iam.Value{v("s3:GetObject"), v("iam:Pass*"), {}}}
	if at, ok := ValueFor(st, "iam:PassRole"); !ok || at.Text != "iam:Pass*" {
		t.Errorf("ValueFor = %q %v", at.Text, ok)
	}
	// Outside the universe: glob matching.
	if at, ok := ValueFor(&iam.Statement{Actions: []iam.Value{v("s3:Get*")}}, "s3:GetObject"); !ok || at.Text != "s3:Get*" {
		t.Errorf("ValueFor outside the universe = %q %v", at.Text, ok)
	}
}

// TestUnscopedBits: an unscoped ARN reaches only the actions that act on its
// service's resources, and an action with required resource types needs a
// Resource of each of their services.
func TestUnscopedBits(t *testing.T) {
	v := func(s string) iam.Value { return iam.KnownValue(s, hcl.Range{}) }
	vs := func(ss ...string) []iam.Value {
		var out []iam.Value
		for _, s := range ss {
			out = append(out, v(s))
		}
		return out
	}
	id := func(a string) int {
		i, ok := ActionID(a)
		if !ok {
			t.Fatalf("%s: no id", a)
		}
		return i
	}
	for _, c := range []struct {
		actions, resources []string
		notAction          bool
		has, hasNot        []string
	}{
		{[]string{"*"}, []string{"*"}, false, []string{"iam:CreateAccessKey", "ec2:RunInstances"}, nil},
		{[]string{"*"}, []string{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"}, false, nil,
			[]string{"iam:CreateAccessKey", "iam:PassRole", "ec2:RunInstances", "ssm:SendCommand", "lambda:UpdateFunctionCode"}},
		{[]string{"s3:DeleteBucket"}, []string{"arn:aws:s3:::b/*"}, true, nil, []string{"iam:PutRolePolicy"}},
		{[]string{"*"}, []string{"arn:aws:iam::*:role/*"}, false, []string{"iam:PassRole", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"}, []string{"ec2:RunInstances"}},
		{[]string{"*"}, []string{"arn:aws:*:*:*:*"}, false, []string{"iam:CreateAccessKey", "ec2:RunInstances"}, nil},
		{[]string{"ssm:SendCommand"}, []string{"arn:aws:ec2:*:*:instance/*", "arn:aws:ssm:*:*:document/AWS-RunShellScript"}, false, []string{"ssm:SendCommand"}, nil},
		{[]string{"ssm:SendCommand"}, []string{"arn:aws:ec2:*:*:instance/*"}, false, nil, []string{"ssm:SendCommand"}},
		{[]string{"ssm:SendCommand"}, []string{"arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "arn:aws:ssm:*:*:document/*"}, false, []string{"ssm:SendCommand"}, nil},
	} {
		st := &iam.Statement{Resources: vs(c.resources...)}
		if c.notAction {
			st.SetExtra(iam.StatementExtra{NotAction: iam.Element{Present: true}, NotActions: vs(c.actions...)})
		} else {
			st.Actions = vs(c.actions...)
		}
		b := UnscopedBits(st)
		for _, a := range c.has {
			if !b.Has(id(a)) {
				t.Errorf("%v on %v: %s not reached", c.actions, c.resources, a)
			}
		}
		for _, a := range c.hasNot {
			if b.Has(id(a)) {
				t.Errorf("%v on %v: %s reached", c.actions, c.resources, a)
			}
		}
	}
}

// ActionID (and PatternBits of a name without wildcards), which skip the
// names whose service no universe name has, find what a lookup of the
// lower-cased name finds: every catalog action, in three cases, and names
// that are not ASCII, have no service or an empty or long one.
func TestActionIDFilter(t *testing.T) {
	u := universe()
	names := []string{"", ":", ":x", "iam", "iam:", "x:iam:PassRole", " iam:PassRole", "iam:PassRole ",
		"\u212Ams:Decrypt", "\u212Aam:PassRole", "İam:PassRole", "IAM:PASSROLE", "EC2:RunInstances",
		strings.Repeat("a", 40) + ":x", strings.Repeat("\u212A", 12) + ":x"}
	for _, a := range awsdata.Actions() {
		n := a.FullName()
		names = append(names, n, strings.ToUpper(n), strings.ToLower(n))
	}
	hits := 0
	for _, n := range names {
		want, wantOK := u.index[strings.ToLower(n)]
		got, ok := ActionID(n)
		if ok != wantOK || (ok && got != want) {
			t.Errorf("ActionID(%q) = %d, %v; want %d, %v", n, got, ok, want, wantOK)
		}
		if ok {
			hits++
		}
		if !strings.ContainsAny(n, "*?") && len(n) <= 128 {
			b := PatternBits(n)
			if (wantOK && *b != u.single[want]) || (!wantOK && !b.Empty()) {
				t.Errorf("PatternBits(%q) does not hold just %d (%v)", n, want, wantOK)
			}
		}
	}
	if hits < 3*len(u.names)/2 {
		t.Errorf("%d names found, want the universe's in three cases (%d)", hits, len(u.names))
	}
}

// BenchmarkActionBits: StatementBits' lookups of plain action names, as a
// policy holds them (the catalog's actions, most outside the universe).
func BenchmarkActionBits(b *testing.B) {
	var names []string
	for _, a := range awsdata.Actions() {
		names = append(names, a.FullName())
	}
	universe()
	for b.Loop() {
		var bits Bits
		for _, n := range names {
			bits.Or(PatternBits(n))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(names)), "ns/name")
}

// TestPatternBitsLong: a long pattern (one Action of a whole .tf file) is
// matched once, not read whole for each universe action: "s3:*" 262,144
// times (1 MB) allocated its runes per action (about 800 MB, 6 CPU s).
// Runs of stars match as one star.
func TestPatternBitsLong(t *testing.T) {
	long := strings.Repeat("s3:*", 1<<18)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b := PatternBits(long)
	runtime.ReadMemStats(&after)
	if !b.Empty() {
		t.Errorf("PatternBits(\"s3:*\" x 262144) matches something")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("PatternBits of a 1 MB pattern allocated %d bytes, want at most 16 MB", n)
	}
	for short, p := range map[string]string{
		"iam:*Role":     "iam:" + strings.Repeat("*", 1<<20) + "Role",
		"*:Create*":     strings.Repeat("*", 1<<10) + ":Create" + strings.Repeat("*", 1<<10),
		"iam:Pass*?ole": "iam:Pass" + strings.Repeat("*", 300) + "?ole",
	} {
		if got, want := PatternBits(p), PatternBits(short); *got != *want {
			t.Errorf("PatternBits(%s with runs of stars) differs from PatternBits(%q)", p[:20], short)
		}
	}
}
