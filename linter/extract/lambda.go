package extract

import (
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

var accountID = regexp.MustCompile(`^\d{12}$`)

// lambdaConditions are the attributes of a Lambda permission that become
// conditions of its statement, as Lambda writes them into the function's
// resource policy.
var lambdaConditions = []struct{ attr, op, key string }{
	{"source_arn", "ArnLike", "aws:SourceArn"},
	{"source_account", "StringEquals", "aws:SourceAccount"},
	{"principal_org_id", "StringEquals", "aws:PrincipalOrgID"},
	{"organization_id", "StringEquals", "aws:PrincipalOrgID"},
	{"function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType"},
}

// lambdaPermission builds the resource policy statement an
// aws_lambda_permission or aws_lambda_layer_version_permission adds: one
// Allow of action to principal on the function (layer), with its conditions.
func (x *extractor) lambdaPermission(b *eval.Block) []*iam.Document {
	return variants(func(ch *choices) *iam.Document {
		body := ch.r(b.Body)
		d, st := x.permissionStatement(b, body, ch)
		if n := body.Get("action"); n != nil {
			st.Actions, st.Action = x.strings(n, ch, false, false)
		}
		target := "function_name"
		if b.Type == "aws_lambda_layer_version_permission" {
			target = "layer_name"
		}
		if n := body.Get(target); n != nil {
			st.Resources, st.Resource = x.strings(n, ch, false, false)
		}
		x.permissionPrincipal(st, body.Get("principal"), ch)
		for _, lc := range lambdaConditions {
			n := body.Get(lc.attr)
			r := ch.r(n)
			if isNull(r) {
				continue
			}
			vals, _ := x.strings(n, ch, false, false)
			if len(vals) == 0 {
				continue
			}
			sc := st.MutableScope()
			sc.Conditions = append(sc.Conditions, iam.Condition{
				Operator: iam.KnownValue(lc.op, r.Range),
				Key:      iam.KnownValue(lc.key, r.Range),
				Values:   vals,
			})
			if !sc.Condition.Present {
				sc.Condition = iam.Element{Present: true, Range: iam.MakeRange(header(n))}
			}
		}
		d.Statements = []*iam.Statement{st}
		return d
	})
}

// permissionStatement returns the document of a permission resource b
// (body: its body as ch picks it) and its one Allow statement, ranged at
// the block, with statement_id as its Sid; the caller sets the rest.
func (x *extractor) permissionStatement(b *eval.Block, body *eval.Node, ch *choices) (*iam.Document, *iam.Statement) {
	d := &iam.Document{Kind: iam.Resource, Address: b.Address, ResourceType: b.Type, Attribute: "principal",
		Range: iam.MakeRange(b.Range), Related: related(b)}
	d.SetVersion(iam.KnownValue("2012-10-17", b.Range))
	st := &iam.Statement{Range: iam.MakeRange(b.Range)}
	st.SetSid(iam.KnownValue("", b.Range))
	st.SetEffect(iam.KnownValue("Allow", b.Range))
	if n := body.Get("statement_id"); !isNull(ch.r(n)) {
		st.SetSid(x.value(ch.r(n), false))
	}
	return d, st
}

// permissionPrincipal sets the principal of st from a permission's
// principal attribute node pn (none when it is absent or null).
func (x *extractor) permissionPrincipal(st *iam.Statement, pn *eval.Node, ch *choices) {
	if pn == nil {
		return
	}
	if r := ch.r(pn); !isNull(r) {
		id := x.value(r, false)
		sc := st.MutableScope()
		sc.Principals = []iam.Principal{{Type: principalType(id), ID: id}}
		sc.Principal = iam.Element{Present: true, Range: iam.MakeRange(attrRange(pn))}
	}
}

// principalType is the type of a Lambda permission principal: "*" for
// everyone, AWS for an account ID or ARN, Service otherwise; unknown when the
// principal is.
func principalType(id iam.Value) iam.Value {
	if !id.Known {
		return iam.UnknownValueAt(id.Range)
	}
	switch {
	case id.Text == "*":
		return iam.KnownValueAt("*", id.Range)
	case accountID.MatchString(id.Text) || strings.HasPrefix(id.Text, "arn:"):
		return iam.KnownValueAt("AWS", id.Range)
	}
	return iam.KnownValueAt("Service", id.Range)
}

// attrRange is the range of a whole attribute: from its name to the end of
// its value.
func attrRange(n *eval.Node) hcl.Range {
	if n.NameRange().Filename == "" || n.NameRange().Filename != n.Range.Filename {
		return n.Range
	}
	return hcl.RangeBetween(n.NameRange(), n.Range)
}

// eventPermission builds the statement an aws_cloudwatch_event_permission
// adds to an event bus's resource policy: Allow action (events:PutEvents
// unless set) on the bus (event_bus_name, "default" unless set) to principal
// ("*" or an account ID), with its condition block (key aws:PrincipalOrgID,
// type StringEquals, value the organization ID) as the condition.
func (x *extractor) eventPermission(b *eval.Block) []*iam.Document {
	return variants(func(ch *choices) *iam.Document {
		body := ch.r(b.Body)
		d, st := x.permissionStatement(b, body, ch)
		// The defaults are ranged at the block, as the attributes left out.
		st.Actions, st.Action = x.strings(body.Get("action"), ch, false, false)
		if !st.Action.Present {
			st.Actions = []iam.Value{iam.KnownValue("events:PutEvents", b.Range)}
			st.Action = iam.Element{Present: true, Range: iam.MakeRange(b.Range)}
		}
		st.Resources, st.Resource = x.strings(body.Get("event_bus_name"), ch, false, false)
		if !st.Resource.Present {
			st.Resources = []iam.Value{iam.KnownValue("default", b.Range)}
			st.Resource = iam.Element{Present: true, Range: iam.MakeRange(b.Range)}
		}
		x.permissionPrincipal(st, body.Get("principal"), ch)
		cs, el := x.conditionBlocks(body.Get("condition"), ch, "type", "key", func(cb *eval.Node) []iam.Value {
			if v := ch.r(cb.Get("value")); !isNull(v) {
				return []iam.Value{x.value(v, false)}
			}
			return nil
		})
		if len(cs) > 0 {
			sc := st.MutableScope()
			sc.Conditions, sc.Condition = cs, el
		}
		d.Statements = []*iam.Statement{st}
		return d
	})
}
