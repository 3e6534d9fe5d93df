package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// genPlan writes a synthetic plan in the format of `terraform show -json`
// (format_version 1.2) of about target bytes: for_each module instances
// (module.team["tNNNN"].module.iam) each holding a role (created, arn unknown),
// a managed policy (created; every 7th one's policy unknown), a policy
// attachment, a role being updated (before/after), an unchanged role (no-op),
// a policy being deleted and
// an aws_iam_policy_document read during planning (prior_state only). Also
// planned_values and a configuration section, as in real plans.
func genPlan(target int) []byte {
	type obj = map[string]any
	var rcs []any
	var pvMods, psMods []any
	var cfgRes []any
	stmt := func(i, n int) string {
		var ss []string
		for k := 0; k < n; k++ {
			ss = append(ss, fmt.Sprintf(`{"Action":["s3:GetObject","s3:PutObject","s3:ListBucket","kms:Decrypt"],"Effect":"Allow","Resource":["arn:aws:s3:::bucket-%d-%d","arn:aws:s3:::bucket-%d-%d/*"],"Sid":"S%d"}`, i, k, i, k, k))
		}
		return `{"Statement":[` + strings.Join(ss, ",") + `],"Version":"2012-10-17"}`
	}
	trust := `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}`
	size := 0
	for i := 0; size < target; i++ {
		mod := fmt.Sprintf(`module.team["t%04d"].module.iam`, i)
		rc := func(typ, name, mode string, actions []string, before, after, unk obj) obj {
			addr := mod + "." + typ + "." + name
			if mode == "data" {
				addr = mod + ".data." + typ + "." + name
			}
			var b, a any
			if before != nil {
				b = before
			}
			if after != nil {
				a = after
			}
			if unk == nil {
				unk = obj{}
			}
			return obj{"address": addr, "module_address": mod, "mode": mode, "type": typ, "name": name,
				"provider_name": "registry.terraform.io/hashicorp/aws",
				"change": obj{"actions": actions, "before": b, "after": a, "after_unknown": unk,
					"before_sensitive": obj{}, "after_sensitive": obj{"tags": obj{}, "tags_all": obj{}}}}
		}
		role := obj{"name": fmt.Sprintf("role-%d", i), "assume_role_policy": trust, "description": nil,
			"force_detach_policies": false, "max_session_duration": 3600, "path": "/", "permissions_boundary": nil,
			"tags": obj{"team": fmt.Sprintf("t%04d", i)}, "tags_all": obj{"team": fmt.Sprintf("t%04d", i)},
			"inline_policy": []any{obj{"name": "inline", "policy": stmt(i, 2)}}}
		roleUnk := obj{"arn": true, "id": true, "unique_id": true, "create_date": true, "managed_policy_arns": true,
			"inline_policy": []any{obj{}}, "tags": obj{}, "tags_all": obj{}}
		pol := obj{"name": fmt.Sprintf("policy-%d", i), "path": "/", "description": "generated", "policy": stmt(i, 6),
			"tags": nil}
		polUnk := obj{"arn": true, "id": true, "policy_id": true, "tags_all": true}
		if i%7 == 0 {
			delete(pol, "policy")
			polUnk["policy"] = true
		}
		att := obj{"role": fmt.Sprintf("role-%d", i)}
		attUnk := obj{"id": true, "policy_arn": true}
		old := obj{"arn": fmt.Sprintf("arn:aws:iam::123456789012:role/old-%d", i), "name": fmt.Sprintf("old-%d", i),
			"assume_role_policy": trust, "path": "/", "max_session_duration": 3600, "id": fmt.Sprintf("old-%d", i),
			"inline_policy": []any{obj{"name": "inline", "policy": stmt(i, 1)}}, "tags": obj{}, "tags_all": obj{}}
		updated := obj{}
		for k, v := range old {
			updated[k] = v
		}
		updated["inline_policy"] = []any{obj{"name": "inline", "policy": stmt(i, 3)}}
		gone := obj{"arn": fmt.Sprintf("arn:aws:iam::123456789012:policy/gone-%d", i), "name": fmt.Sprintf("gone-%d", i),
			"policy": stmt(i, 1), "path": "/", "id": fmt.Sprintf("gone-%d", i)}
		doc := obj{"id": "1234", "json": stmt(i, 2), "statement": []any{obj{"actions": []any{"s3:GetObject"}, "effect": "Allow",
			"resources": []any{"*"}, "sid": "", "condition": []any{}, "principals": []any{}, "not_actions": nil}}}
		kept := obj{"arn": fmt.Sprintf("arn:aws:iam::123456789012:role/kept-%d", i), "name": fmt.Sprintf("kept-%d", i),
			"assume_role_policy": trust, "path": "/", "max_session_duration": 3600, "id": fmt.Sprintf("kept-%d", i),
			"description": nil, "permissions_boundary": nil, "force_detach_policies": false,
			"inline_policy": []any{obj{"name": "inline", "policy": stmt(i, 2)}}, "tags": obj{}, "tags_all": obj{}}
		rcs = append(rcs,
			rc("aws_iam_role", "kept", "managed", []string{"no-op"}, kept, kept, obj{}),
			rc("aws_iam_role", "this", "managed", []string{"create"}, nil, role, roleUnk),
			rc("aws_iam_policy", "this", "managed", []string{"create"}, nil, pol, polUnk),
			rc("aws_iam_role_policy_attachment", "this", "managed", []string{"create"}, nil, att, attUnk),
			rc("aws_iam_role", "old", "managed", []string{"update"}, old, updated, obj{}),
			rc("aws_iam_policy", "gone", "managed", []string{"delete"}, gone, nil, nil),
		)
		pvRes := func(typ, name string, v obj) obj {
			return obj{"address": mod + "." + typ + "." + name, "mode": "managed", "type": typ, "name": name,
				"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": v,
				"sensitive_values": obj{}}
		}
		pvMods = append(pvMods, obj{"address": mod, "resources": []any{
			pvRes("aws_iam_role", "this", role), pvRes("aws_iam_policy", "this", pol),
			pvRes("aws_iam_role_policy_attachment", "this", att), pvRes("aws_iam_role", "old", updated),
			pvRes("aws_iam_role", "kept", kept)}})
		psMods = append(psMods, obj{"address": mod, "resources": []any{
			pvRes("aws_iam_role", "old", old), pvRes("aws_iam_policy", "gone", gone), pvRes("aws_iam_role", "kept", kept),
			obj{"address": mod + ".data.aws_iam_policy_document.doc", "mode": "data", "type": "aws_iam_policy_document",
				"name": "doc", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": doc,
				"sensitive_values": obj{}}}})
		if i == 0 {
			cfgRes = append(cfgRes, obj{"address": "aws_iam_role.this", "mode": "managed", "type": "aws_iam_role",
				"name": "this", "expressions": obj{"name": obj{"references": []any{"var.name"}}}})
		}
		size += 4*len(stmt(i, 6)) + 13000 // rough bytes per module instance
	}
	plan := obj{
		"format_version":    "1.2",
		"terraform_version": "1.9.8",
		"variables":         obj{"env": obj{"value": "prod"}},
		"planned_values": obj{"root_module": obj{"child_modules": []any{
			obj{"address": `module.team["t0000"]`, "child_modules": pvMods}}}},
		"resource_changes": rcs,
		"prior_state": obj{"format_version": "1.0", "terraform_version": "1.9.8", "values": obj{"root_module": obj{
			"child_modules": []any{obj{"address": `module.team["t0000"]`, "child_modules": psMods}}}}},
		"configuration": obj{"root_module": obj{"module_calls": obj{"team": obj{"source": "./team",
			"module": obj{"resources": cfgRes}}}}},
		"timestamp": "2026-11-28T17:00:00Z",
		"applyable": true,
		"complete":  true,
		"errored":   false,
	}
	b, err := json.Marshal(plan)
	if err != nil {
		panic(err)
	}
	return b
}
