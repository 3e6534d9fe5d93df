package plan

import (
	"sort"
	"strings"
	"testing"
)

// A plan (format 1.2) with a data document deferred to apply (action read)
// per for_each key, consumed by roles through data.T.N[each.key].json; a
// role policy being updated (only its name changes); a policy left alone.
const configPlan = `{
  "format_version": "1.2",
  "terraform_version": "1.9.8",
  "planned_values": {"root_module": {}},
  "resource_changes": [
    {
      "address": "data.aws_iam_policy_document.d[\"a\"]",
      "mode": "data", "type": "aws_iam_policy_document", "name": "d", "index": "a",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "action_reason": "read_because_config_unknown",
      "change": {
        "actions": ["read"], "before": null,
        "after": {"statement": [{"actions": ["sts:AssumeRole"], "principals": [{"type": "AWS", "identifiers": [null]}]}]},
        "after_unknown": {"id": true, "json": true, "minified_json": true, "statement": [{"principals": [{"identifiers": [true]}]}]}
      }
    },
    {
      "address": "aws_iam_role.r[\"a\"]",
      "mode": "managed", "type": "aws_iam_role", "name": "r", "index": "a",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {
        "actions": ["create"], "before": null,
        "after": {"name": "r-a", "path": "/"},
        "after_unknown": {"arn": true, "assume_role_policy": true, "inline_policy": true}
      }
    },
    {
      "address": "aws_iam_role_policy.u",
      "mode": "managed", "type": "aws_iam_role_policy", "name": "u",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {
        "actions": ["update"],
        "before": {"name": "old", "role": "r", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
        "after": {"name": "new", "role": "r", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
        "after_unknown": {}
      }
    },
    {
      "address": "aws_iam_policy.same",
      "mode": "managed", "type": "aws_iam_policy", "name": "same",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {
        "actions": ["no-op"],
        "before": {"name": "same", "policy": "{}"},
        "after": {"name": "same", "policy": "{}"},
        "after_unknown": {}
      }
    }
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
         "expressions": {"name": {"references": ["each.key"]},
                         "assume_role_policy": {"references": ["data.aws_iam_policy_document.d", "each.key"]}},
         "for_each_expression": {"references": ["local.keys"]}},
        {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
         "expressions": {"statement": [{"actions": {"constant_value": ["sts:AssumeRole"]}}]},
         "for_each_expression": {"references": ["local.keys"]}}
      ]
    }
  }
}`

func TestConfigurationLinksUnknownPolicy(t *testing.T) {
	p, diags := Load("plan.json", []byte(configPlan), Options{BeforeResourcesOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	role := findBlock(p.After, `aws_iam_role.r["a"]`)
	c := p.Change(role)
	if c.Configured == nil || !c.Configured["assume_role_policy"] || c.Configured["inline_policy"] {
		t.Errorf("Configured = %v", c.Configured)
	}
	arp := role.Body.Attr("assume_role_policy")
	if arp == nil || arp.Val.IsKnown() || arp.RefTo() == nil || arp.RefTo().Address != `data.aws_iam_policy_document.d["a"]` || arp.RefTo().Attr != "json" {
		t.Errorf("assume_role_policy = %+v, want unknown with a Ref to the data document of the same key", arp)
	}
	if ip := role.Body.Attr("inline_policy"); ip == nil || ip.RefTo() != nil {
		t.Errorf("inline_policy = %+v, want unknown without Ref", ip)
	}
}

func TestBeforeResourcesOnly(t *testing.T) {
	p, diags := Load("plan.json", []byte(configPlan), Options{BeforeResourcesOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var addrs []string
	for _, m := range p.Before.Modules {
		for _, b := range m.Blocks {
			addrs = append(addrs, b.Address)
		}
	}
	sort.Strings(addrs)
	if strings.Join(addrs, " ") != "aws_iam_policy.same aws_iam_role_policy.u" {
		t.Fatalf("Before blocks %v, want the managed resources (updated u, unchanged same), no data source", addrs)
	}
	u := findBlock(p.After, "aws_iam_role_policy.u")
	ub := p.Change(u).Before
	if ub.Body.Attr("policy") != u.Body.Attr("policy") {
		t.Errorf("unchanged policy not shared between before and after")
	}
	if ub.Body.Get("name").Val.AsString() != "old" || u.Body.Get("name").Val.AsString() != "new" {
		t.Errorf("names: before %v after %v", ub.Body.Get("name").Val, u.Body.Get("name").Val)
	}
	// Without the option, Before has every prior object.
	p2, _ := Load("plan.json", []byte(configPlan), Options{})
	n := 0
	for _, m := range p2.Before.Modules {
		n += len(m.Blocks)
	}
	if n != 2 {
		t.Errorf("full Before has %d blocks, want 2 (u and same)", n)
	}
}

// A reference to one instance by a literal key (data.T.N[0].json: Terraform
// lists "data.T.N[0].json", "data.T.N[0]" and "data.T.N") links the
// consumer to that instance (QA round 4: it was taken for two documents,
// and the consumer's policy for unknown).
func TestConfigurationLinksLiteralKey(t *testing.T) {
	src := strings.NewReplacer(
		`data.aws_iam_policy_document.d[\"a\"]`, `data.aws_iam_policy_document.d[0]`,
		`"index": "a",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "action_reason"`, `"index": 0,
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "action_reason"`,
		`"assume_role_policy": {"references": ["data.aws_iam_policy_document.d", "each.key"]}`,
		`"assume_role_policy": {"references": ["data.aws_iam_policy_document.d[0].json", "data.aws_iam_policy_document.d[0]", "data.aws_iam_policy_document.d"]}`,
	).Replace(configPlan)
	if !strings.Contains(src, `d[0].json"`) || !strings.Contains(src, `"address": "data.aws_iam_policy_document.d[0]"`) {
		t.Fatal("test plan not rewritten")
	}
	p, diags := Load("plan.json", []byte(src), Options{BeforeResourcesOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	role := findBlock(p.After, `aws_iam_role.r["a"]`)
	arp := role.Body.Attr("assume_role_policy")
	if arp == nil || arp.RefTo() == nil || arp.RefTo().Address != `data.aws_iam_policy_document.d[0]` || arp.RefTo().Attr != "json" {
		t.Errorf("assume_role_policy = %+v, want a Ref to data.aws_iam_policy_document.d[0]", arp)
	}
}

// policy_arn = aws_iam_policy.p[count.index].arn: Terraform lists only
// "aws_iam_policy.p" and "count.index" (the attribute follows a dynamic
// index); the attachment is linked to the policy of its own index, by the
// attribute policy_arn names (QA round 4: it was not linked, its policy
// unknown).
func TestConfigurationLinksDynamicIndex(t *testing.T) {
	src := `{"format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [
    {"address": "aws_iam_policy.p[0]", "mode": "managed", "type": "aws_iam_policy", "name": "p", "index": 0,
     "change": {"actions": ["create"], "before": null, "after": {"name": "p", "policy": "{}"}, "after_unknown": {"arn": true, "id": true}}},
    {"address": "aws_iam_role_policy_attachment.a[0]", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a", "index": 0,
     "change": {"actions": ["create"], "before": null, "after": {"role": "r"}, "after_unknown": {"id": true, "policy_arn": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
     "expressions": {"name": {"constant_value": "p"}}, "count_expression": {"constant_value": 1}},
    {"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a",
     "expressions": {"policy_arn": {"references": ["aws_iam_policy.p", "count.index"]}, "role": {"constant_value": "r"}},
     "count_expression": {"constant_value": 1}}
  ]}}}`
	p, diags := Load("plan.json", []byte(src), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	att := findBlock(p.After, `aws_iam_role_policy_attachment.a[0]`)
	pa := att.Body.Attr("policy_arn")
	if pa == nil || pa.RefTo() == nil || pa.RefTo().Address != `aws_iam_policy.p[0]` || pa.RefTo().Attr != "arn" {
		t.Errorf("policy_arn = %+v, want a Ref to aws_iam_policy.p[0] arn", pa)
	}
}

func TestSplitModule(t *testing.T) {
	for in, want := range map[string][2]string{
		`module.a`:                           {``, `module.a`},
		`module.a["x.module.y"].module.b[0]`: {`module.a["x.module.y"]`, `module.b[0]`},
		`module.a.module.b.module.c`:         {`module.a.module.b`, `module.c`},
	} {
		if p, l := splitModule(in); p != want[0] || l != want[1] {
			t.Errorf("splitModule(%q) = %q, %q, want %q", in, p, l, want)
		}
	}
}
