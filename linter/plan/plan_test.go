package plan

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

func fixture(t *testing.T, name string) (*Plan, []byte) {
	t.Helper()
	path := "testdata/" + name
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsPlan(src) {
		t.Fatalf("%s: IsPlan = false", name)
	}
	p, diags := Load(path, src, Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	return p, src
}

// posOf returns the position of the n-th (1-based) occurrence of needle in src.
func posOf(t *testing.T, src []byte, needle string, n int) hcl.Pos {
	t.Helper()
	off := -1
	for k := 0; k < n; k++ {
		j := bytes.Index(src[off+1:], []byte(needle))
		if j < 0 {
			t.Fatalf("%q not found %d times", needle, n)
		}
		off += 1 + j
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
	return hcl.Pos{Line: line, Column: col, Byte: off}
}

func TestFixtureModulesUnknown(t *testing.T) {
	p, src := fixture(t, "modules_unknown.json")
	if p.FormatVersion != "1.2" || p.TerraformVersion != "1.9.8" {
		t.Errorf("versions %q %q", p.FormatVersion, p.TerraformVersion)
	}
	if v := p.Variables["env"]; v == nil || v.Val != cty.StringVal("prod") {
		t.Errorf("variables = %v", p.Variables)
	}

	// Addresses in After, by module; the deleted user policy is not there.
	got := map[string][]string{}
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			got[m.Path] = append(got[m.Path], b.Address)
		}
	}
	want := map[string][]string{
		"":                  {"aws_iam_policy.admin", "aws_iam_role.app", "data.aws_iam_policy_document.trust"},
		"module.a.module.b": {"module.a.module.b.data.aws_iam_policy_document.d", `module.a.module.b.aws_iam_policy.p["x"]`},
	}
	for path, addrs := range want {
		if strings.Join(got[path], ",") != strings.Join(addrs, ",") {
			t.Errorf("module %q: got %v, want %v", path, got[path], addrs)
		}
	}
	if len(got) != 2 {
		t.Errorf("modules: %v", got)
	}

	// The unknown policy of a for_each instance in a nested module.
	px := findBlock(p.After, `module.a.module.b.aws_iam_policy.p["x"]`)
	if px.Mode != "resource" || px.Type != "aws_iam_policy" || px.Name != "p" || px.Module.Path != "module.a.module.b" {
		t.Errorf("p[x] = %+v", px)
	}
	pol := px.Body.Attr("policy")
	if pol == nil || pol.Val.IsKnown() || !px.Body.Val.IsKnown() {
		t.Fatalf("policy should be an unknown attribute of a known body: %#v", pol)
	}
	if px.Body.Val.GetAttr("policy").IsKnown() || px.Body.Get("arn").Val.IsKnown() {
		t.Errorf("unknowns missing from Val")
	}
	if name := px.Body.Get("name"); name.Val != cty.StringVal("p-x") {
		t.Errorf("name = %#v", name.Val)
	}
	if c := p.Change(px); c == nil || !c.Actions.Create() || c.Module != "module.a.module.b" {
		t.Errorf("change = %+v", c)
	}
	wantAddr := posOf(t, src, `"address": "module.a.module.b.aws_iam_policy.p[\"x\"]"`, 2)
	if px.Range.Start != wantAddr || px.Range.Filename != "testdata/modules_unknown.json" {
		t.Errorf("block range %v, want start %v", px.Range, wantAddr)
	}

	// Exact location of a known policy string (the value token, quotes included).
	admin := findBlock(p.After, "aws_iam_policy.admin")
	ap := admin.Body.Attr("policy")
	if !strings.Contains(ap.Val.AsString(), `"Action":"*"`) {
		t.Errorf("admin policy = %q", ap.Val.AsString())
	}
	// 2nd occurrence: the one in resource_changes' after (1st is planned_values).
	wantPos := posOf(t, src, `"policy": "{\"Statement\":[{\"Action\":\"*\"`, 2)
	wantPos.Column += len(`"policy": `)
	wantPos.Byte += len(`"policy": `)
	if ap.Range.Start != wantPos {
		t.Errorf("policy range %v, want start %v", ap.Range, wantPos)
	}
	if ap.NameRange().Start.Line != wantPos.Line || ap.NameRange().End.Column != wantPos.Column-2 {
		t.Errorf("policy name range %v", ap.NameRange())
	}
	if c := p.Change(admin); !c.Actions.Update() || c.Before == nil {
		t.Errorf("admin change = %+v", c)
	} else if bp := c.Before.Body.Attr("policy"); !strings.Contains(bp.Val.AsString(), "s3:GetObject") {
		t.Errorf("before policy = %#v", bp.Val)
	}

	// Nested block: inline_policy[0].policy is located.
	role := findBlock(p.After, "aws_iam_role.app")
	ip := role.Body.Get("inline_policy").Index(0).Get("policy")
	if ip == nil || !strings.Contains(ip.Val.AsString(), "s3:*") {
		t.Fatalf("inline policy = %#v", ip)
	}
	if wantIP := posOf(t, src, `"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"s3:*\"`, 2); ip.Range.Start.Line != wantIP.Line {
		t.Errorf("inline policy range %v, want line %d", ip.Range, wantIP.Line)
	}
	if role.Body.Get("arn").Val.IsKnown() || role.Body.Get("tags_all").Val.IsKnown() {
		t.Errorf("role unknowns")
	}
	if role.Body.Get("tags").Get("team").Val != cty.StringVal("core") {
		t.Errorf("tags")
	}
	if v := role.Body.Get("max_session_duration").Val; !v.RawEquals(cty.NumberIntVal(3600)) {
		t.Errorf("max_session_duration = %#v", v)
	}
	if v := role.Body.Get("permissions_boundary"); v == nil || !v.Val.IsNull() {
		t.Errorf("permissions_boundary = %#v", v)
	}

	// Deferred data source: json unknown, statement known in part.
	d := findBlock(p.After, "module.a.module.b.data.aws_iam_policy_document.d")
	if d.Mode != "data" || d.Body.Get("json").Val.IsKnown() || !p.Change(d).Actions.Read() {
		t.Errorf("deferred data = %+v", d)
	}
	st := d.Body.Get("statement").Index(0)
	if st.Get("resources").Val.IsKnown() || st.Get("actions").Index(0).Val != cty.StringVal("s3:GetObject") {
		t.Errorf("statement = %#v", st.Val)
	}
	if p.Change(d).ActionReason() != "read_because_config_unknown" {
		t.Errorf("reason %q", p.Change(d).ActionReason())
	}

	// Data source read during planning: only in prior_state.
	tr := findBlock(p.After, "data.aws_iam_policy_document.trust")
	if c := p.Change(tr); c.Source != FromPriorState || !c.Actions.Read() {
		t.Errorf("trust change = %+v", c)
	}
	if !strings.Contains(tr.Body.Get("json").Val.AsString(), "ec2.amazonaws.com") {
		t.Errorf("trust json")
	}

	// Deleted resource: in Before only, with its change.
	var old *Change
	for _, c := range p.Changes {
		if c.Address == "aws_iam_user_policy.old" {
			old = c
		}
	}
	if old == nil || old.After != nil || old.Before == nil || !old.Actions.Delete() || findBlock(p.After, old.Address) != nil {
		t.Errorf("deleted change = %+v", old)
	}
	if old.ActionReason() != "delete_because_no_resource_config" {
		t.Errorf("reason %q", old.ActionReason())
	}
	if n := countBlocks(p.Before); n != 3 { // admin, old, data trust
		t.Errorf("%d before blocks", n)
	}
}

func TestFixtureV01Count(t *testing.T) {
	p, _ := fixture(t, "v01_count.json")
	p0 := findBlock(p.After, "module.iam.aws_iam_role_policy.p[0]")
	if p0 == nil || p0.Module.Path != "module.iam" {
		t.Fatalf("p[0] = %+v", p0)
	}
	c := p.Change(p0)
	if !c.Actions.Replace() || !c.Actions.DestroyBeforeCreate() {
		t.Errorf("actions %v", c.Actions)
	}
	if !strings.Contains(p0.Body.Get("policy").Val.AsString(), "iam:PassRole") || p0.Body.Get("id").Val.IsKnown() {
		t.Errorf("p[0] body %#v", p0.Body.Val)
	}
	if c.Before == nil || !strings.Contains(c.Before.Body.Get("policy").Val.AsString(), "s3:GetObject") {
		t.Errorf("p[0] before")
	}
	if p1 := findBlock(p.After, "module.iam.aws_iam_role_policy.p[1]"); p1 == nil || !p.Change(p1).Actions.NoOp() {
		t.Errorf("p[1] = %+v", p1)
	} else if c1 := p.Change(p1); c1.Before == nil || c1.Before.Body != p1.Body || c1.Before == p1 {
		t.Errorf("no-op p[1]: Before should be its own block sharing the After body")
	}
	// Deposed object: a change, in neither After nor Before.
	dep := 0
	for _, c := range p.Changes {
		if c.Deposed() != "" {
			dep++
			if c.After != nil || c.Before != nil {
				t.Errorf("deposed %+v", c)
			}
		}
	}
	if dep != 1 {
		t.Errorf("%d deposed", dep)
	}
	// Terraform 0.12 prior_state: module-relative address.
	as := findBlock(p.After, "module.iam.data.aws_iam_policy_document.assume")
	if as == nil || as.Module.Path != "module.iam" || as.Mode != "data" {
		t.Fatalf("assume = %+v", as)
	}
	if n := countBlocks(p.After); n != 3 {
		t.Errorf("%d after blocks", n)
	}
}

func TestLoadErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/modules_unknown.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		src     string
		summary string
		line    int
		col     int
		off     int
	}{
		{"empty", "", "invalid plan JSON", 1, 1, 0},
		{"truncated", string(good[:5000]), "invalid plan JSON", 0, 0, 5000},
		{"garbage", "{\"format_version\": \"1.2\",\n  \"planned_values\": nope}", "invalid plan JSON", 2, 21, 46},
		{"trailing", "{\"format_version\":\"1.2\",\"resource_changes\":[]} x", "invalid plan JSON", 1, 48, 47},
		{"array", "[1,2]", "invalid plan JSON", 1, 1, 0},
		{"no version", `{"planned_values":{}}`, "not a Terraform plan", 1, 1, 0},
		{"state", `{"format_version":"1.0","values":{}}`, "not a Terraform plan", 1, 1, 0},
		{"future", `{"format_version":"2.0","resource_changes":[]}`, "unsupported plan format version", 1, 19, 18},
		{"bad change", `{"format_version":"1.2","resource_changes":[{"mode":"managed"}]}`, "Invalid plan", 1, 45, 44},
		{"bad actions", `{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":[1]}}]}`, "Invalid plan", 1, 83, 82},
		{"control char", "{\"format_version\":\"1\n2\"}", "invalid plan JSON", 1, 21, 20},
		{"deep", `{"format_version":"1.2","configuration":{"a":` + strings.Repeat("[", 5000), "invalid plan JSON", 1, 2044, 2043},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := Load("<stdin>", []byte(tc.src), Options{})
			if p != nil || !diags.HasErrors() || len(diags) != 1 {
				t.Fatalf("got %v, %v", p, diags)
			}
			d := diags[0]
			if d.Summary != tc.summary || d.Subject == nil || d.Subject.Filename != "<stdin>" {
				t.Fatalf("diag %+v", d)
			}
			if tc.off >= 0 && d.Subject.Start.Byte != tc.off {
				t.Errorf("offset %d, want %d (%s)", d.Subject.Start.Byte, tc.off, d.Detail)
			}
			if tc.line > 0 && (d.Subject.Start.Line != tc.line || d.Subject.Start.Column != tc.col) {
				t.Errorf("pos %d:%d, want %d:%d (%s)", d.Subject.Start.Line, d.Subject.Start.Column, tc.line, tc.col, d.Detail)
			}
			if tc.summary == "invalid plan JSON" && !strings.Contains(d.Detail, "byte offset") {
				t.Errorf("detail %q", d.Detail)
			}
		})
	}
}

func TestIsPlan(t *testing.T) {
	good, err := os.ReadFile("testdata/modules_unknown.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{string(good), true},
		{"\xEF\xBB\xBF" + string(good), true},
		{string(good[:3000]), true}, // truncated after the members that tell: Load reports the error
		{`{"format_version":"0.1","resource_changes":[]}`, true},
		{`{"resource_changes":[], "format_version":"1.0"}`, true},
		{`{"format_version":"1.0","values":{}}`, false}, // a state
		{`{"format_version":1,"planned_values":{}}`, false},
		{`{"resource":{"aws_iam_role":{"r":{}}}}`, false}, // .tf.json
		{`[{"format_version":"1.0"}]`, false},
		{``, false},
		{`{"format_version":"1.0",`, false},
		{`{"a":[}`, false},
	} {
		if got := IsPlan([]byte(tc.src)); got != tc.want {
			n := len(tc.src)
			if n > 60 {
				n = 60
			}
			t.Errorf("IsPlan(%q...) = %v", tc.src[:n], got)
		}
	}
}

func TestIncompletePlanWarning(t *testing.T) {
	p, diags := Load("p.json", []byte(`{"format_version":"1.2","complete":false,"errored":false,"resource_changes":[]}`), Options{})
	if diags.HasErrors() || p == nil {
		t.Fatal(diags)
	}
	if len(p.After.Diags) != 1 || p.After.Diags[0].Severity != hcl.DiagWarning || p.After.Diags[0].Subject.Start.Column != 36 {
		t.Errorf("diags = %v", p.After.Diags)
	}
	p, _ = Load("p.json", []byte(`{"format_version":"1.2","complete":true,"resource_changes":[]}`), Options{})
	if len(p.After.Diags) != 0 {
		t.Errorf("diags = %v", p.After.Diags)
	}
}

func TestModuleOf(t *testing.T) {
	for in, want := range map[string]string{
		"aws_iam_role.r":                                "",
		"data.aws_iam_policy_document.d":                "",
		"module.a.aws_iam_policy.p[\"x\"]":              "module.a",
		"module.a.module.b.aws_iam_policy.p":            "module.a.module.b",
		"module.a[\"k.]\"].module.b[0].aws_iam_role.r":  "module.a[\"k.]\"].module.b[0]",
		"module.a[1].data.aws_iam_policy_document.d[0]": "module.a[1]",
	} {
		if got := moduleOf(in); got != want {
			t.Errorf("moduleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGeneratedPlan(t *testing.T) {
	src := genPlan(200 << 10)
	if !IsPlan(src) {
		t.Fatal("generated plan not recognised")
	}
	p, diags := Load("gen.json", src, Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b := findBlock(p.After, `module.team["t0000"].module.iam.aws_iam_policy.this`)
	if b == nil || b.Body.Get("policy").Val.IsKnown() {
		t.Fatalf("t0000 policy should be unknown: %+v", b)
	}
	b = findBlock(p.After, `module.team["t0001"].module.iam.aws_iam_policy.this`)
	if b == nil || !b.Body.Get("policy").Val.IsKnown() {
		t.Fatalf("t0001 policy should be known")
	}
	if findBlock(p.After, `module.team["t0001"].module.iam.aws_iam_policy.gone`) != nil {
		t.Error("deleted policy in After")
	}
	if findBlock(p.After, `module.team["t0001"].module.iam.data.aws_iam_policy_document.doc`) == nil {
		t.Error("prior_state data source missing")
	}
	p2, _ := Load("gen.json", src, Options{SkipBefore: true})
	if p2.Before != nil || countBlocks(p2.After) != countBlocks(p.After) {
		t.Error("SkipBefore")
	}
}

var _ = eval.Result{}

// TestReleaseChanges: after ReleaseChanges the blocks stay, the changes go.
func TestReleaseChanges(t *testing.T) {
	p, _ := fixture(t, "modules_unknown.json")
	if len(p.Changes) == 0 || len(p.After.Modules) == 0 {
		t.Fatal("fixture without changes")
	}
	b := p.Changes[0].After
	if p.Change(b) != p.Changes[0] {
		t.Fatal("Change does not find the block's change")
	}
	blocks := 0
	for _, m := range p.After.Modules {
		blocks += len(m.Blocks)
	}
	p.ReleaseChanges()
	if p.Changes != nil || p.Change(b) != nil {
		t.Error("changes kept")
	}
	n := 0
	for _, m := range p.After.Modules {
		n += len(m.Blocks)
	}
	if n != blocks {
		t.Errorf("blocks %d -> %d", blocks, n)
	}
	(*Plan)(nil).ReleaseChanges()
}

// TestModuleAddressShared: a change's Module is its module_address as
// decoded, written with escapes or not, before the address or after it,
// a prefix of the address or not; when it is written as the start of the
// address it is that part of the address (no string of its own).
func TestModuleAddressShared(t *testing.T) {
	cases := []struct {
		addr, mod string // as written in the plan (JSON string contents)
		first     bool   // module_address written before address
		want      string
		shared    bool
	}{
		{`module.a[\"k\"].aws_iam_role.r`, `module.a[\"k\"]`, false, `module.a["k"]`, true},
		{`module.a.module.b[0].aws_iam_role.r`, `module.a.module.b[0]`, false, `module.a.module.b[0]`, true},
		{`module.a[\"k\"].aws_iam_role.r`, `module.a[\"k\"]`, true, `module.a["k"]`, true}, // shared by newChange
		{`module.a[\"\u006b\"].aws_iam_role.r`, `module.a[\"\u006b\"]`, false, `module.a["k"]`, true},
		{`module.a[\"k\\\\x\"].aws_iam_role.r`, `module.a[\"k\\\\x\"]`, false, `module.a["k\\x"]`, true},
		{`module.a[\"é\"].aws_iam_role.r`, `module.a[\"é\"]`, false, `module.a["é"]`, true},
		{`module.a[\"k\"].aws_iam_role.r`, `module.a[\"k\"].aws`, false, `module.a["k"].aws`, false},
		{`module.a[\"k\"].aws_iam_role.r`, `module.b`, false, `module.b`, false},
		{`module.ab.aws_iam_role.r`, `module.a`, false, `module.a`, false},
		{`aws_iam_role.r`, ``, false, ``, false},
	}
	for _, c := range cases {
		members := fmt.Sprintf(`"address":"%s","module_address":"%s"`, c.addr, c.mod)
		if c.first {
			members = fmt.Sprintf(`"module_address":"%s","address":"%s"`, c.mod, c.addr)
		}
		src := []byte(`{"format_version":"1.2","resource_changes":[{` + members +
			`,"mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,"after":{"name":"r"}}}]}`)
		p, diags := Load("plan.json", src, Options{SkipBefore: true})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", c.addr, diags)
		}
		ch := p.Changes[0]
		if ch.Module != c.want {
			t.Errorf("%s, %s: Module %q, want %q", c.addr, c.mod, ch.Module, c.want)
		}
		shared := len(ch.Module) > 0 && unsafe.StringData(ch.Module) == unsafe.StringData(ch.Address)
		if shared != c.shared {
			t.Errorf("%s, %s: Module shares the address %v, want %v", c.addr, c.mod, shared, c.shared)
		}
	}
}
