package rules

import (
	"slices"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// WildcardPrincipal fires on a grant to everyone ("*" or {"AWS": "*"}) in a
// trust or resource policy, unless a condition pins who may call.
//
// A condition pins the caller when its key is one of narrowingKeys (any case),
// its operator is a positive match (StringEquals, StringEqualsIgnoreCase,
// StringLike, ArnEquals, ArnLike, IpAddress, optionally with ForAnyValue:), and
// none of its values matches everyone ("*", "0.0.0.0/0", an ARN of any
// account, an account or organization ID with a wildcard). Negated operators,
// ...IfExists, ForAllValues:, Null and Bool never pin: they pass for requests
// that lack the key.
//
// Unknown values (known after apply, e.g. source_arn = aws_s3_bucket.b.arn)
// are still a pin on who may call: the condition narrows. An unknown operator
// is treated the same way; an unknown key is not (it cannot be shown to be a
// narrowing key). kms:CallerAccount narrows only together with a kms:ViaService
// condition (the AWS pattern "any principal of this account, through this
// service"); neither does alone.
var WildcardPrincipal = &linter.Rule{
	ID:       "wildcard-principal",
	Title:    "trust or resource policy open to everyone",
	Severity: linter.Critical,
	Doc: linter.Doc{
		Why: `Principal "*" (or {"AWS": "*"}) in a resource or trust policy allows every AWS account ` +
			`and, for many services, anonymous callers. Without a condition that pins the caller ` +
			`(aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, ...) the resource ` +
			`is public. For aws_lambda_permission, principal = "*" without source_arn, ` +
			`source_account or principal_org_id lets anyone invoke the function; for ` +
			`aws_cloudwatch_event_permission, principal = "*" without a condition block on ` +
			`aws:PrincipalOrgID lets every AWS account put events on the event bus. A condition ` +
			`value known only after apply (source_arn = aws_s3_bucket.b.arn) counts as a pin, and a ` +
			`notice says that the pin could not be checked; ` +
			`kms:CallerAccount counts only together with kms:ViaService.`,
		Fix: `Name the principals (account, role or service) that need access, or add a condition ` +
			`with a fixed value that limits the callers: aws:PrincipalOrgID for your organization, ` +
			`aws:SourceArn/aws:SourceAccount for service calls, aws:SourceVpce for VPC endpoints. For ` +
			`aws_lambda_permission set source_arn (and source_account); for ` +
			`aws_cloudwatch_event_permission name the account, or add a condition block with ` +
			`key aws:PrincipalOrgID, type StringEquals and your organization ID.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
			"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
		},
	},
	Check:        checkWildcardPrincipal,
	TakesUnknown: unknownPins,
}

// unknownPins returns the keys of the conditions that pin who may call s, a
// grant to everyone in d, only through an operator or values unknown before
// apply (aws:SourceArn = var.src with no value, or the ARN of a resource the
// same apply creates): the rule takes them as a pin, and the notice of
// unknown policies says so rather than the grant passing in silence. ""
// when s is no such grant, or is pinned with known values too.
func unknownPins(d *iam.Document, s *iam.Statement) string {
	if d == nil || s == nil || (d.Kind != iam.Trust && d.Kind != iam.Resource) || !s.IsAllow() {
		return ""
	}
	wild := false
	for _, pr := range s.Principals() {
		wild = wild || pr.IsWildcard()
	}
	if !wild || !pinsCaller(s, false) || pinsCaller(s, true) {
		return ""
	}
	var denied denyIndex
	if denied.statementCancelled(d, s) {
		return ""
	}
	var keys []string
	for _, c := range s.Conditions() {
		if k := keyName(c.Key.Text); pins(c, false) && !pins(c, true) && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, ", ")
}

// narrowingKeys are the condition keys (lower-case) that can pin who may call.
var narrowingKeys = map[string]bool{
	"aws:sourcearn":         true,
	"aws:sourceaccount":     true,
	"aws:sourceowner":       true,
	"aws:sourcevpc":         true,
	"aws:sourcevpce":        true,
	"aws:sourceip":          true,
	"aws:principalorgid":    true,
	"aws:principalorgpaths": true,
	"aws:principalaccount":  true,
	"aws:principalarn":      true,
	"aws:sourceorgid":       true,
	"aws:sourceorgpaths":    true,
	"aws:userid":            true,
	"kms:calleraccount":     true,
}

// idKeys hold IDs where any wildcard widens the match to everyone.
var idKeys = map[string]bool{
	"aws:sourceaccount":    true,
	"aws:sourceowner":      true,
	"aws:sourcevpc":        true,
	"aws:sourcevpce":       true,
	"aws:principalorgid":   true,
	"aws:principalaccount": true,
	"aws:sourceorgid":      true,
	"kms:calleraccount":    true,
}

func checkWildcardPrincipal(p *linter.Pass) {
	if p.Model == nil {
		return
	}
	var denied denyIndex
	for _, d := range p.Model.Documents {
		if d == nil || (d.Kind != iam.Trust && d.Kind != iam.Resource) {
			continue
		}
		for _, s := range d.Statements {
			if s == nil || !s.IsAllow() || pinsCaller(s, false) || denied.statementCancelled(d, s) {
				continue
			}
			for _, pr := range s.Principals() {
				if !pr.IsWildcard() {
					continue
				}
				// "statement allows every principal (%q) to call %s%s%s":
				// the principal, the actions, prefixSpace(resourceScope(s))
				// and a note on the conditions, built in one buffer.
				var small [256]byte
				b := append(small[:0], "statement allows every principal ("...)
				b = appendQuoted(b, pr.ID.Text)
				b = append(b, ") to call "...)
				if s.NotAction().Present {
					b = appendList(append(b, "every action except "...), s.NotActions())
				} else {
					b = appendList(b, s.Actions)
				}
				b = appendSpacedScope(b, s)
				if len(s.Conditions()) > 0 {
					b = append(b, "; its conditions"...)
					b = append(b, strings.TrimPrefix(conditionNote(s), ", narrowed by a condition")...)
					b = append(b, " do not limit who may call"...)
				}
				p.ReportDocMessage(d, pr.ID.Range.HCL(), 0, string(b))
			}
		}
	}
}

// pinsCaller reports whether one of the statement's conditions pins who may
// call; known: with a known operator and known values only.
func pinsCaller(s *iam.Statement, known bool) bool {
	viaService := false
	for _, c := range s.Conditions() {
		if c.Key.Known && strings.EqualFold(c.Key.Text, "kms:ViaService") && positive(c.Operator) && len(c.Values) > 0 &&
			(!known || allKnown(c)) {
			viaService = true
		}
	}
	for _, c := range s.Conditions() {
		if c.Key.Known && strings.EqualFold(c.Key.Text, "kms:CallerAccount") && !viaService {
			continue
		}
		if pins(c, known) {
			return true
		}
	}
	return false
}

// positive reports whether a condition operator matches when the key has one
// of the values (StringEquals, ArnLike, IpAddress, ForAnyValue:...), as
// opposed to negated, ...IfExists, ForAllValues:, Null, Bool or numeric
// operators. An unknown operator counts as positive.
func positive(op iam.Value) bool {
	if !op.Known {
		return true
	}
	switch strings.TrimPrefix(strings.ToLower(op.Text), "foranyvalue:") {
	case "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress":
		return true
	}
	return false
}

// allKnown reports whether c's operator and values are all known.
func allKnown(c iam.Condition) bool {
	if !c.Operator.Known {
		return false
	}
	for _, v := range c.Values {
		if !v.Known {
			return false
		}
	}
	return true
}

// pins reports whether condition c pins who may call; known: with a known
// operator and known values only (unknown ones pin otherwise).
func pins(c iam.Condition, known bool) bool {
	if !c.Key.Known {
		return false // an unknown key cannot be shown to be one of the narrowing keys
	}
	if known && !allKnown(c) {
		return false
	}
	key := strings.ToLower(c.Key.Text)
	if !narrowingKeys[key] {
		return false
	}
	if !positive(c.Operator) {
		return false
	}
	if len(c.Values) == 0 {
		return false
	}
	for _, v := range c.Values {
		if matchesEveryone(key, v) {
			return false
		}
	}
	return true
}

// matchesEveryone reports whether a known condition value lets every caller
// through. Unknown values never do.
func matchesEveryone(key string, v iam.Value) bool {
	if !v.Known {
		return false
	}
	t := strings.TrimSpace(v.Text)
	if t == "" || strings.Trim(t, "*?") == "" {
		return true
	}
	wildcard := hasWildcard(t)
	switch {
	case idKeys[key]:
		return wildcard
	case key == "aws:sourceip":
		return t == "0.0.0.0/0" || t == "::/0"
	case key == "aws:sourcearn" || key == "aws:principalarn":
		if !wildcard {
			return false
		}
		fa := splitColon(t, 6)
		f := fa.f[:fa.k]
		if len(f) < 6 {
			return true
		}
		acct := f[4]
		// An ARN pattern of any account: "arn:aws:sns:*:*:topic".
		return acct != "" && hasWildcard(acct) || acct == "" && wild(f[5])
	case key == "aws:principalorgpaths" || key == "aws:sourceorgpaths":
		// "o-*/*" and the like: no fixed organization.
		org, _, _ := strings.Cut(t, "/")
		return hasWildcard(org)
	}
	return false
}
