package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

const corpusDir = "../../../shared/corpus/plans"

// corpusPlans returns the plan file of every corpus directory (from SOURCE.json's plan_path).
func corpusPlans(t testing.TB) map[string]string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(corpusDir, "*", "SOURCE.json"))
	if err != nil || len(dirs) == 0 {
		t.Skip("corpus not available at " + corpusDir)
	}
	out := map[string]string{}
	for _, sj := range dirs {
		b, err := os.ReadFile(sj)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			PlanPath string `json:"plan_path"`
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s: %v", sj, err)
		}
		dir := filepath.Dir(sj)
		out[filepath.Base(dir)] = filepath.Join(dir, filepath.Base(meta.PlanPath))
	}
	return out
}

func loadFile(t testing.TB, path string) *Plan {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsPlan(src) {
		t.Fatalf("%s: IsPlan = false", path)
	}
	p, diags := Load(path, src, Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	return p
}

func findBlock(res *eval.Result, addr string) *eval.Block {
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if b.Address == addr {
				return b
			}
		}
	}
	return nil
}

func countBlocks(res *eval.Result) int {
	if res == nil {
		return 0
	}
	n := 0
	for _, m := range res.Modules {
		n += len(m.Blocks)
	}
	return n
}

func TestCorpusLoads(t *testing.T) {
	plans := corpusPlans(t)
	if len(plans) < 22 {
		t.Errorf("found %d corpus plans, want at least 22", len(plans))
	}
	total := 0
	for name, path := range plans {
		p := loadFile(t, path)
		if len(p.Changes) == 0 {
			t.Errorf("%s: no changes", name)
		}
		n := countBlocks(p.After)
		total += n
		t.Logf("%-55s fv=%s tf=%-7s changes=%3d after=%3d before=%3d modules=%d",
			name, p.FormatVersion, p.TerraformVersion, len(p.Changes), n, countBlocks(p.Before), len(p.After.Modules))
		for _, m := range p.After.Modules {
			for _, b := range m.Blocks {
				if b.Body == nil || b.Range.Filename != path || b.Range.Start.Line == 0 {
					t.Errorf("%s: %s: bad block body/range %v", name, b.Address, b.Range)
				}
				if b.Module != m || (m.Path != "" && !strings.HasPrefix(b.Address, m.Path+".")) {
					t.Errorf("%s: %s in module %q", name, b.Address, m.Path)
				}
				if c := p.Change(b); c == nil || c.After != b {
					t.Errorf("%s: %s: no change", name, b.Address)
				}
			}
		}
	}
	t.Logf("%d plans, %d blocks in After", len(plans), total)
}

func corpusPlan(t *testing.T, dir string) *Plan {
	plans := corpusPlans(t)
	path, ok := plans[dir]
	if !ok {
		t.Skip("corpus plan missing: " + dir)
	}
	return loadFile(t, path)
}

func strAttr(t *testing.T, b *eval.Block, attr string) *eval.Node {
	t.Helper()
	if b == nil {
		t.Fatalf("block missing")
	}
	n := b.Body.Attr(attr)
	if n == nil {
		t.Fatalf("%s: no attribute %s", b.Address, attr)
	}
	return n
}

func TestCorpusDataSourcePriorState(t *testing.T) {
	p := corpusPlan(t, "checkov__plan_with_iam_policies")
	b := findBlock(p.After, "data.aws_iam_policy_document.fail_1")
	if b == nil {
		t.Fatal("data source from prior_state missing")
	}
	if b.Mode != "data" || b.Type != "aws_iam_policy_document" || b.Name != "fail_1" || b.Module.Path != "" {
		t.Errorf("block = %+v", b)
	}
	c := p.Change(b)
	if c.Source != FromPriorState || !c.Actions.Read() {
		t.Errorf("change = %+v", c)
	}
	j := strAttr(t, b, "json")
	if !j.Val.IsKnown() || j.Val.Type() != cty.String || !strings.Contains(j.Val.AsString(), `"Action": "iam:*"`) {
		t.Errorf("json = %#v", j.Val)
	}
	if j.Range.Start.Line < 2 || j.NameRange().Start.Line != j.Range.Start.Line {
		t.Errorf("json ranges %v %v", j.Range, j.NameRange())
	}
}

func TestCorpusUnknownAndRead(t *testing.T) {
	// A deferred aws_iam_policy_document (action read) whose json is unknown,
	// consumed by a bucket policy whose policy is unknown too.
	p := corpusPlan(t, "checkov__plan_with_iam_data_block")
	var read *Change
	for _, c := range p.Changes {
		if c.Mode == "data" && c.Type == "aws_iam_policy_document" {
			read = c
		}
	}
	if read == nil || !read.Actions.Read() || read.After == nil {
		t.Fatalf("read change = %+v", read)
	}
	if j := read.After.Body.Attr("json"); j == nil || j.Val.IsKnown() {
		t.Errorf("deferred json should be unknown: %#v", j)
	}
	var pol *eval.Block
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			if b.Type == "aws_s3_bucket_policy" {
				pol = b
			}
		}
	}
	n := strAttr(t, pol, "policy")
	if n.Val.IsKnown() || n.Val != cty.DynamicVal {
		t.Errorf("policy should be unknown, got %#v", n.Val)
	}
	if n.Range.Filename == "" || n.Range.Start.Line == 0 {
		t.Errorf("unknown policy has no range")
	}
}

func TestCorpusChildModule(t *testing.T) {
	p := corpusPlan(t, "tfcompliance__non_created_module_resource_parameter")
	var found *eval.Block
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			if b.Address == "module.apigw_test_1.data.aws_iam_policy_document.api_gw_logs" {
				found = b
			}
		}
	}
	if found == nil {
		t.Fatal("module data source missing")
	}
	if found.Module.Path != "module.apigw_test_1" || found.Mode != "data" || found.Name != "api_gw_logs" {
		t.Errorf("block = %+v module %q", found, found.Module.Path)
	}
	if j := strAttr(t, found, "json"); !j.Val.IsKnown() || !strings.Contains(j.Val.AsString(), "logs:") {
		t.Errorf("json = %#v", j.Val)
	}
}

func TestCorpusOIDC(t *testing.T) {
	p := corpusPlan(t, "checkov__GithubActionsOIDCTrustPolicy")
	if p.FormatVersion != "1.2" {
		t.Errorf("format version %q", p.FormatVersion)
	}
	n := 0
	for _, c := range p.Changes {
		if c.Type == "aws_iam_role" {
			n++
			if c.After == nil || !c.Actions.Create() {
				t.Errorf("%s: %+v", c.Address, c)
				continue
			}
			if a := c.After.Body.Attr("arn"); a == nil || a.Val.IsKnown() {
				t.Errorf("%s: arn should be unknown", c.Address)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d roles, want 4", n)
	}
}

func TestCorpusDeleteNotInAfter(t *testing.T) {
	p := corpusPlan(t, "tfcompliance__issue_522")
	dels := 0
	for _, c := range p.Changes {
		if c.Source == FromResourceChanges && len(c.Actions) == 1 && c.Actions.Delete() {
			dels++
			if c.After != nil || findBlock(p.After, c.Address) != nil {
				t.Errorf("deleted %s is in After", c.Address)
			}
			if c.Before == nil {
				t.Errorf("deleted %s has no Before", c.Address)
			}
		}
	}
	if dels != 2 {
		t.Errorf("%d deletes, want 2", dels)
	}
}
