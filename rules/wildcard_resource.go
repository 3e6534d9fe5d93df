package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// WildcardResource fires on a grant of write-like actions on every resource.
//
// An action (or pattern) counts when one of the catalog actions it matches
// (awsdata, case-insensitively) supports resource-level permissions and is
// Write, Permissions management or Tagging, and is not one of catalogQuirks.
// A known service with no matching action is a typo (unknown-action's job)
// and does not count. For a service prefix the catalog does not know, the
// pre-catalog heuristic applies: not clearly a read (Get, List, Describe,
// BatchGet, BatchDescribe) and not in resourceLess.
//
// Actions the configuration lists in extra_resourceless_actions count as
// resource-less.
//
// Only identity policies are judged: a resource policy reaches only the
// resource it is attached to, so Resource "*" there means that resource (KMS
// key policies must say "*"); trust policies have no Resource, and an SCP
// grants nothing by itself.
var WildcardResource = &linter.Rule{
	ID:       "wildcard-resource",
	Title:    "write access on every resource",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `An Allow statement with Resource "*" applies its actions to every resource of the ` +
			`account, including ones created later and ones that belong to other workloads. For ` +
			`actions that change resources or their permissions this turns a small mistake or a ` +
			`compromised credential into account-wide damage. Actions that only accept "*" ` +
			`(ec2:Describe*, s3:ListAllMyBuckets, cloudwatch:PutMetricData, sts:GetCallerIdentity, ...) ` +
			`are not reported.`,
		Fix: `Put the ARNs of the resources the actions need in Resource (Terraform: reference the ` +
			`resource's arn attribute), or a narrow pattern such as "arn:aws:s3:::my-bucket/*". Keep ` +
			`actions that only accept "*" in a statement of their own.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
			"https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		},
	},
	Check: checkWildcardResource,
}

// resourceLess lists (lower-case) actions that support no resource type in
// the Service Authorization Reference: Resource must be "*" for them.
var resourceLess = map[string]bool{
	"cloudwatch:putmetricdata":               true,
	"xray:puttracesegments":                  true,
	"xray:puttelemetryrecords":               true,
	"xray:getsamplingrules":                  true,
	"xray:getsamplingtargets":                true,
	"xray:getsamplingstatisticsummaries":     true,
	"xray:put*":                              true, // PutTraceSegments, PutTelemetryRecords, PutEncryptionConfig
	"iam:simulatecustompolicy":               true,
	"s3:listallmybuckets":                    true,
	"sts:getcalleridentity":                  true,
	"sts:getsessiontoken":                    true,
	"sts:decodeauthorizationmessage":         true,
	"ecr:getauthorizationtoken":              true,
	"kms:createkey":                          true,
	"kms:generaterandom":                     true,
	"kms:listaliases":                        true,
	"kms:listkeys":                           true,
	"iam:createaccountalias":                 true,
	"iam:deleteaccountalias":                 true,
	"iam:updateaccountpasswordpolicy":        true,
	"iam:deleteaccountpasswordpolicy":        true,
	"iam:generatecredentialreport":           true,
	"iam:setsecuritytokenservicepreferences": true,
	"logs:putresourcepolicy":                 true,
	"logs:deleteresourcepolicy":              true,
	"logs:createlogdelivery":                 true,
	"logs:deletelogdelivery":                 true,
	"logs:updatelogdelivery":                 true,
	"cloudformation:validatetemplate":        true,
	"cloudformation:createuploadbucket":      true,
	"route53:createhostedzone":               true,
	"acm:requestcertificate":                 true,
	"secretsmanager:getrandompassword":       true,
	"lambda:createeventsourcemapping":        true,
	"tag:getresources":                       true,
	"tag:tagresources":                       true,
	"tag:untagresources":                     true,
	"ssm:describeparameters":                 true,
	"sqs:listqueues":                         true,
	"sns:listtopics":                         true,
	"ec2:describe*":                          true,
}

var readPrefixes = []string{"get", "list", "describe", "batchget", "batchdescribe"}

// scopableWrite reports whether the action, by the pre-catalog heuristic, can
// be scoped to resources and is not a read. Used only for service prefixes
// the catalog does not know.
func scopableWrite(v iam.Value) bool {
	if !v.Known {
		return false
	}
	a := strings.ToLower(v.Text)
	if a == "" || resourceLess[a] || strings.ContainsAny(a, " \t\r\n") {
		return false // white space: IAM does not trim it, the action matches nothing (unknown-action)
	}
	_, name, ok := strings.Cut(a, ":")
	if !ok {
		return strings.Trim(a, "*") == "" // "*" counts; a malformed action is not judged here
	}
	for _, p := range readPrefixes {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	return true
}

// scopableWriteValue reports whether an action value matches, in the catalog,
// an action that can be scoped to resources and changes something; for a
// service the catalog does not know, it falls back to scopableWrite.
func scopableWriteValue(v iam.Value) bool {
	if !v.Known {
		return false
	}
	return scopableWriteMemo.get(v.Text, scopableWriteText)
}

// scopableWriteMemo memoizes scopableWriteText by action text.
var scopableWriteMemo textMemo[bool]

// scopableWriteText is scopableWriteValue for the text of a known value.
func scopableWriteText(text string) bool {
	v := iam.Value{Text: text, Known: true}
	if acts := expandValue(v); acts.Len() > 0 {
		for a := range acts.All() {
			if scopableWriteAction(a) {
				return true
			}
		}
		return false
	}
	if _, known := servicePart(v.Text); known {
		return false // a typo in a known service: unknown-action reports it
	}
	return scopableWrite(v)
}

// coversEveryResource reports whether a Resource value matches every resource,
// or every resource of a service: "*", "arn:aws:s3:::*", "arn:*:dynamodb:*:*:*".
func coversEveryResource(v iam.Value) bool {
	// Every form it accepts ends in a run of "*": most resources (named
	// ARNs) are told at one byte scan.
	if !v.Known || strings.IndexByte(v.Text, '*') < 0 {
		return false
	}
	t := v.Text // IAM does not trim: " *" matches nothing (policy-invalid)
	if strings.Trim(t, "*") == "" {
		return true
	}
	fa := splitColon(t, 6)
	f := fa.f[:fa.k]
	if len(f) < 2 || f[0] != "arn" {
		return false
	}
	if len(f) < 6 {
		// "arn:*", "arn:aws:*": the last field swallows the rest.
		return wild(f[len(f)-1]) && strings.HasSuffix(t, "*")
	}
	return (f[3] == "" || wild(f[3])) && (f[4] == "" || wild(f[4])) && wild(f[5])
}

// wild reports whether s is made of "*" only (and not empty).
func wild(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '*' {
			return false
		}
	}
	return true
}

// resourcelessByOption reports whether every action the value grants that
// could be scoped is one the configuration declares resource-less
// (.iamlint.hcl: rule "wildcard-resource" { extra_resourceless_actions =
// [...] }, action names or patterns, any case).
func resourcelessByOption(v iam.Value, extra []string) bool {
	if len(extra) == 0 || !v.Known {
		return false
	}
	match := func(name string) bool {
		for _, e := range extra {
			if iam.MatchAction(strings.TrimSpace(e), name) {
				return true
			}
		}
		return false
	}
	if match(v.Text) {
		return true
	}
	acts := expandValue(v)
	if acts.Len() == 0 {
		return false
	}
	for a := range acts.All() {
		if scopableWriteAction(a) && !match(a.FullName()) {
			return false
		}
	}
	return true
}

func checkWildcardResource(p *linter.Pass) {
	var denied denyIndex
	extra := p.Option("extra_resourceless_actions")
	var scratch []iam.Value // the writes of a statement, reused: read only while it is judged
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if d.Kind != iam.Identity {
			// A resource policy only reaches the resource it is attached to
			// (Resource "*" in a KMS key policy is "this key"); trust
			// policies have no Resource; an SCP only sets a maximum.
			return
		}
		writes := scratch[:0]
		for _, a := range s.Actions {
			if scopableWriteValue(a) && !resourcelessByOption(a, extra) {
				writes = append(writes, a)
			}
		}
		scratch = writes[:0]
		if len(writes) == 0 || denied.writesCancelled(d, s, writes) {
			return
		}
		for _, r := range s.Resources {
			if !coversEveryResource(r) {
				continue
			}
			where := "every resource"
			ws := writes
			if !isStar(r) {
				where = "every resource of the service"
				if ws = writesOn(writes, arnService(r.Text)); len(ws) == 0 {
					continue // "arn:aws:s3:::*" gives sqs:SendMessage nothing
				}
			}
			// "statement grants %s on %s (%q)%s", actionPhrase(ws),
			// where, r.Text, conditionNote(s), built in one buffer.
			var small [256]byte
			b := appendActionPhrase(append(small[:0], "statement grants "...), ws)
			b = append(append(append(b, " on "...), where...), " ("...)
			b = appendQuoted(b, r.Text)
			b = append(append(b, ')'), conditionNote(s)...)
			p.ReportDocMessage(d, r.Range.HCL(), 0, string(b))
		}
	})
}

// appendActionPhrase appends, for a message, the actions written: "s3:PutObject", or
// "actions " and their list.
func appendActionPhrase(b []byte, writes []iam.Value) []byte {
	if len(writes) == 1 {
		return appendQuoted(b, writes[0].Text)
	}
	return appendList(append(b, "actions "...), writes)
}

// arnService returns the lower-case service field of an ARN ("s3" in
// "arn:aws:s3:::*"); "" when it has none or it is a wildcard.
func arnService(arn string) string {
	fa := splitColon(strings.TrimSpace(arn), 4)
	f := fa.f[:fa.k]
	if len(f) < 4 || hasWildcard(f[2]) {
		return ""
	}
	return strings.ToLower(f[2])
}

// writesOn keeps the action values that can act on resources of ARN service
// svc: one of the scopable write actions they match has a resource type
// whose ARN is of that service (sts:AssumeRole acts on iam roles). A value
// of a service the catalog does not know is kept; svc "" keeps all.
func writesOn(writes []iam.Value, svc string) []iam.Value {
	if svc == "" {
		return writes
	}
	var out []iam.Value
	for _, w := range writes {
		acts := expandValue(w)
		keep := acts.Len() == 0
		for a := range acts.All() {
			if keep {
				break
			}
			if !scopableWriteAction(a) {
				continue
			}
			for _, rt := range a.ResourceTypes {
				for _, r := range a.Service.Resources {
					if r.Name == rt.Name && strings.EqualFold(arnService(r.ARN), svc) {
						keep = true
					}
				}
			}
		}
		if keep {
			out = append(out, w)
		}
	}
	return out
}
