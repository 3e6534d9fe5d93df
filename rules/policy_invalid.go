package rules

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// PolicyInvalid fires on a policy that IAM would reject or misread: an unknown
// element, Effect not Allow/Deny, both or neither of Action/NotAction, a
// Principal where none is allowed or none where one is required, a principal
// type IAM does not know ({"aws": ...}) or a principal with a wildcard
// ("arn:aws:iam::*:root") or an empty one (""), an unknown condition operator, a malformed ARN in Resource, a Resource,
// principal, condition operator or condition key with white space around it (IAM does not trim:
// " *" is not "*", "StringEquals " no operator, " aws:SourceArn" no key), an empty or blank
// condition key ("", " ": no request carries it), and policy text that is
// not JSON at all (Document.ParseErrors, at the exact position of the fault).
var PolicyInvalid = &linter.Rule{
	ID:       "policy-invalid",
	Title:    "not a valid IAM policy",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `AWS rejects an invalid policy at apply time (MalformedPolicyDocument), after the plan looked ` +
			`fine; worse, some mistakes are accepted and silently change the meaning: a misspelt ` +
			`condition operator or element, a Resource that is not an ARN, an identity policy with a ` +
			`Principal. Checking the grammar before apply keeps the review about what the policy means.`,
		Fix: `Use the IAM policy grammar: Version "2012-10-17"; each statement has Effect "Allow" or "Deny", ` +
			`exactly one of Action/NotAction, Resource/NotResource in identity and resource policies, ` +
			`Principal only (and always) in trust and resource policies, condition operators from the ` +
			`IAM reference, ARNs of the form arn:partition:service:region:account:resource.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html",
		},
	},
	Check: checkPolicyInvalid,
}

// conditionOperators are the IAM condition operators (lower case), without
// the ForAnyValue:/ForAllValues: prefix and the IfExists suffix;
// operatorNames the same as IAM spells them.
var (
	conditionOperators = map[string]bool{}
	operatorNames      = []string{
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"StringLike", "StringNotLike",
		"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
		"NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
		"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
	}
)

func init() {
	for _, op := range operatorNames {
		conditionOperators[strings.ToLower(op)] = true
	}
}

// suggestOperator returns the operator an unknown one misspells, with its
// ForAnyValue:/ForAllValues: prefix and IfExists suffix as written
// ("ForAnyValue:StringLkeIfExists": "ForAnyValue:StringLikeIfExists";
// "NullIfExists", which IAM has not: "Null"), or "" when none is close.
func suggestOperator(op string) string {
	prefix, core, suffix := "", strings.TrimSpace(op), ""
	if i := strings.LastIndexByte(core, ':'); i >= 0 {
		if p := strings.ToLower(core[:i+1]); p != "forallvalues:" && p != "foranyvalue:" {
			return "" // another qualifier, or two
		}
		prefix, core = core[:i+1], core[i+1:]
	}
	if n := len("IfExists"); len(core) > n && strings.EqualFold(core[len(core)-n:], "IfExists") {
		core, suffix = core[:len(core)-n], core[len(core)-n:]
	}
	if strings.EqualFold(core, "Null") && suffix != "" {
		return prefix + "Null"
	}
	best, bestD := "", 3
	for _, n := range operatorNames {
		if d := editDistanceFold(strings.ToLower(core), strings.ToLower(n), bestD); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || (best == "Null" && suffix != "") {
		return ""
	}
	return prefix + best + suffix
}

// validOperator reports whether op is an IAM condition operator. White
// space around it is not trimmed: IAM does not trim it ("StringEquals " is
// no operator).
func validOperator(op string) bool {
	l := strings.ToLower(op)
	if rest, ok := strings.CutPrefix(l, "forallvalues:"); ok {
		l = rest
	} else if rest, ok := strings.CutPrefix(l, "foranyvalue:"); ok {
		l = rest
	}
	if base, ok := strings.CutSuffix(l, "ifexists"); ok && base != "null" {
		l = base
	}
	return conditionOperators[l]
}

// elementNames are the IAM element names, to suggest a spelling.
var elementNames = []string{"Version", "Id", "Statement", "Sid", "Effect", "Action", "NotAction",
	"Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}

func suggestElement(k string) string {
	best, bestD := "", 3
	for _, n := range elementNames {
		if d := editDistanceFold(strings.ToLower(k), strings.ToLower(n), bestD); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// arnProblem says what is wrong with a known Resource value; "" when it is
// "*" or a well-formed ARN (pattern).
func arnProblem(t string) string {
	if t == "" {
		return "is empty"
	}
	if tt := strings.TrimSpace(t); tt != t && tt != "" {
		return fmt.Sprintf("has white space around it, which IAM does not trim: it is not \"*\" nor an ARN, and AWS rejects the policy (did you mean %q?)", tt)
	}
	if strings.Trim(t, "*") == "" {
		return ""
	}
	if !strings.HasPrefix(t, "arn:") {
		return "is not an ARN (arn:partition:service:region:account:resource) nor \"*\""
	}
	fa := splitColon(t, 6)
	f := fa.f[:fa.k]
	if len(f) < 6 {
		if strings.HasSuffix(t, "*") {
			return "" // "arn:aws:s3:*": the last wildcard swallows the rest
		}
		return fmt.Sprintf("has %d of the 6 colon-separated parts of an ARN (arn:partition:service:region:account:resource)", len(f))
	}
	part, svc := f[1], f[2]
	wildOrVar := func(s string) bool { return hasWildcard(s) || strings.Contains(s, "${") }
	switch {
	case part == "":
		return "has an empty partition (aws, aws-cn, aws-us-gov, ...)"
	case !wildOrVar(part) && part != "aws" && !strings.HasPrefix(part, "aws-"):
		return fmt.Sprintf("has the partition %q, which is not an AWS partition (aws, aws-cn, aws-us-gov, ...)", part)
	case svc == "":
		return "has an empty service"
	case f[5] == "":
		return "has an empty resource part"
	}
	return ""
}

func checkPolicyInvalid(p *linter.Pass) {
	// consumed lists the documents consumed as identity policies, by
	// address; made on first use (only data "aws_iam_policy_document"
	// documents ask, and a plan often has none).
	var consumed map[string]bool
	consumedAddrs := func() map[string]bool {
		if consumed != nil {
			return consumed
		}
		consumed = map[string]bool{}
		g := graph(p)
		for _, ip := range g.Inline {
			for _, d := range ip.Documents {
				if d != nil {
					consumed[d.Address] = true
				}
			}
		}
		for _, a := range g.Attachments {
			for _, d := range a.Policies {
				if d != nil {
					consumed[d.Address] = true
				}
			}
		}
		// A document an identity attribute consumes (an aws_iam_policy, even
		// one attached to nothing yet) is an identity policy too.
		for d, users := range g.Consumers {
			if d != nil && len(users) > 0 {
				consumed[d.Address] = true
			}
		}
		return consumed
	}
	// A data "aws_iam_policy_document" is judged as identity both when an
	// identity attribute consumes it and when extract sees no consumer (one
	// behind coalesce() or a module output, typically a trust or resource
	// policy). A Principal in it is reported only in the first case.
	consumedAs := func(d *iam.Document) bool {
		return d.ResourceType != "aws_iam_policy_document" || consumedAddrs()[d.Address]
	}
	documents(p.Model, func(d *iam.Document) {
		report := func(rng hcl.Range, format string, args ...any) {
			p.ReportDoc(d, rng, 0, format, args...)
		}
		for _, e := range d.ParseErrors() {
			if d.Empty() && d.Standalone {
				break // a module's default: its callers pass the policy (their instances are judged)
			}
			report(e.Range.HCL(), "policy is not valid JSON: %s", e.Text)
		}
		for _, u := range d.Unrecognized() {
			report(u.Range.HCL(), "unknown policy element %s%s: IAM rejects the policy%s", quoteName(u.Text), suggestElement(u.Text), nonASCIINote(u.Text))
		}
		for _, m := range d.Malformed() {
			why := strings.TrimSuffix(strings.TrimSuffix(m.Text, "."), "; it is ignored")
			report(m.Range.HCL(), "%s: IAM rejects the policy", why)
		}
		if d.Version().Known && d.Version().Text != "2012-10-17" && d.Version().Text != "2008-10-17" {
			report(d.Version().Range.HCL(), "Version %q is not an IAM policy language version (use \"2012-10-17\")", d.Version().Text)
		}
		for _, s := range d.Statements {
			if s == nil {
				continue
			}
			checkStatementGrammar(d, s, report, consumedAs)
		}
	})
}

func checkStatementGrammar(d *iam.Document, s *iam.Statement, report func(hcl.Range, string, ...any), consumedAs func(*iam.Document) bool) {
	for _, u := range s.Unrecognized() {
		report(u.Range.HCL(), "unknown statement element %s%s: IAM rejects the policy%s", quoteName(u.Text), suggestElement(u.Text), nonASCIINote(u.Text))
	}
	switch {
	case s.Effect().Known && s.Effect().Text != "Allow" && s.Effect().Text != "Deny":
		report(s.Effect().Range.HCL(), "Effect %s is neither \"Allow\" nor \"Deny\" (case-sensitive): IAM rejects the statement%s", quoteName(s.Effect().Text), nonASCIINote(s.Effect().Text))
	case !s.Effect().Known && s.Effect().Range.IsZero() && !synthetic(d):
		report(s.Range.HCL(), "statement has no Effect: IAM rejects it (only data \"aws_iam_policy_document\" defaults to Allow)")
	}
	// "Both" needs a known value in each element: a dynamic block's
	// not_actions = null (or a value known only after apply) is no element.
	switch {
	case anyKnown(s.Actions) && anyKnown(s.NotActions()):
		report(s.NotAction().Range.HCL(), "statement has both Action and NotAction: IAM rejects it")
	case !s.Action.Present && !s.NotAction().Present:
		report(s.Range.HCL(), "statement has neither Action nor NotAction: IAM rejects it")
	case s.Action.Present && len(s.Actions) == 0 && !s.NotAction().Present:
		report(s.Action.Range.HCL(), "Action is empty: IAM rejects the statement")
	}
	if anyKnown(s.Resources) && anyKnown(s.NotResources()) {
		report(s.NotResource().Range.HCL(), "statement has both Resource and NotResource: IAM rejects it")
	}
	if knownPrincipal(s.Principals()) && knownPrincipal(s.NotPrincipals()) {
		report(s.NotPrincipal().Range.HCL(), "statement has both Principal and NotPrincipal: IAM rejects it")
	}
	hasPrincipal := s.Principal().Present || s.NotPrincipal().Present
	switch d.Kind {
	case iam.Identity, iam.SCP:
		if hasPrincipal && (knownPrincipal(s.Principals()) || knownPrincipal(s.NotPrincipals())) && consumedAs(d) {
			el := s.Principal()
			name := "Principal"
			if !el.Present {
				el, name = s.NotPrincipal(), "NotPrincipal"
			}
			report(el.Range.HCL(), "%s in an %s policy: only trust and resource policies name principals (the holder of an identity policy is its principal)", name, kindName(d.Kind))
		} else if d.Kind == iam.Identity && !s.Resource.Present && !s.NotResource().Present && (consumedAs(d) || !hasPrincipal) {
			// (A policy document with principals whose consumer extract
			// cannot see is most likely a trust or resource policy.)
			report(s.Range.HCL(), "statement has neither Resource nor NotResource: an identity policy statement must name its resources")
		} else if d.Kind == iam.Identity && s.Resource.Present && s.Resources != nil && len(s.Resources) == 0 && !s.NotResource().Present && (consumedAs(d) || !hasPrincipal) {
			// "Resource": [] (a jsonencode of an empty list variable) is
			// no resource, as "Action": [] is no action: IAM rejects it
			// ("Policy statement must contain resources"). (A Resource of the
			// wrong type, nil, is reported as such.)
			report(s.Resource.Range.HCL(), "Resource is empty: an identity policy statement must name its resources, and IAM rejects the statement")
		}
	case iam.Trust, iam.Resource:
		if !hasPrincipal && !synthetic(d) {
			report(s.Range.HCL(), "statement has no Principal: a %s policy must say whom it applies to", kindName(d.Kind))
		}
	}
	var seenType map[iam.Range]bool // made at the first unknown type (rare)
	for _, ps := range [][]iam.Principal{s.Principals(), s.NotPrincipals()} {
		for _, pr := range ps {
			empty := pr.Empty()
			if pr.Type.Known && pr.Type.Text == "AWS" && pr.ID.Known && pr.ID.Text != "*" && pr.Bare && strings.TrimSpace(pr.ID.Text) == pr.ID.Text && !empty {
				report(pr.ID.Range.HCL(), "Principal %q is a bare string: write it as {\"AWS\": %q} (only \"*\" may stand alone)", pr.ID.Text, pr.ID.Text)
			}
			if pr.Type.Known && !principalTypes[pr.Type.Text] && !seenType[pr.Type.Range] {
				// One finding per type, not per principal it lists.
				if seenType == nil {
					seenType = map[iam.Range]bool{}
				}
				seenType[pr.Type.Range] = true
				report(pr.Type.Range.HCL(), "unknown principal type %s%s: IAM rejects the policy (the types are AWS, Service, Federated and CanonicalUser, case-sensitive)%s", quoteName(pr.Type.Text), suggestPrincipalType(pr.Type.Text), nonASCIINote(pr.Type.Text))
			}
			if empty {
				// "" names nobody (a variable left at an empty default):
				// the plan passes, AWS rejects the policy at apply. Not in a
				// module's own document: its callers' instances are judged
				// (Standalone).
				if !d.Standalone {
					report(pr.ID.Range.HCL(), "principal %q is empty: it names nobody, and AWS rejects the policy (\"Invalid principal in policy\"); give the ARN, account ID or service it should name", pr.ID.Text)
				}
				continue
			}
			if pr.ID.Known && strings.TrimSpace(pr.ID.Text) != pr.ID.Text {
				report(pr.ID.Range.HCL(), "principal %q has white space around it, which IAM does not trim: AWS rejects the policy (did you mean %q?)", pr.ID.Text, strings.TrimSpace(pr.ID.Text))
				continue
			}
			if pr.Type.Known && pr.Type.Text == "AWS" && pr.ID.Known && pr.ID.Text != "*" && strings.ContainsAny(pr.ID.Text, "*?") {
				report(pr.ID.Range.HCL(), "principal %q holds a wildcard: a principal is never a pattern (only \"*\" alone matches everyone) and AWS rejects it; to allow a set of principals, use \"*\" with a condition on aws:PrincipalArn or aws:PrincipalAccount", pr.ID.Text)
			}
		}
	}
	if s.Principal().Present && len(s.Principals()) == 0 && !malformedPrincipal(d, s) {
		report(s.Principal().Range.HCL(), "Principal names no principal (an empty object or list): IAM rejects it; write \"*\" or an object such as {\"AWS\": [...]} with at least one value")
	}
	var seenOp map[iam.Range]bool // made for a statement with conditions only
	for _, c := range s.Conditions() {
		if seenOp == nil {
			seenOp = map[iam.Range]bool{}
		}
		if k := c.Key; k.Known && !seenOp[k.Range] {
			if tt := strings.TrimSpace(k.Text); c.BlankKey() {
				// "" or " " is a key no request carries: the condition
				// tests nothing it names (a module's default left empty is
				// judged in its callers' instances: Standalone).
				if !d.Standalone {
					seenOp[k.Range] = true
					blank := "empty"
					if k.Text != "" {
						blank = "blank (white space only)"
					}
					report(k.Range.HCL(), "condition key %s is %s: no request carries it, so the condition does not test anything it names; write the key it should test (aws:SourceArn, aws:PrincipalOrgID, ...)", quoteName(k.Text), blank)
				}
			} else if tt != k.Text {
				// Keys are matched as written, in any case but not trimmed:
				// " aws:SourceArn" is a key no request carries.
				seenOp[k.Range] = true
				report(k.Range.HCL(), "condition key %s has white space around it, which IAM does not trim: it is not %q but a key no request carries, so the condition does not test what it names (did you mean %q?)%s", quoteName(k.Text), tt, tt, nonASCIINote(k.Text))
			}
		}
		if !c.Operator.Known || seenOp[c.Operator.Range] {
			continue
		}
		seenOp[c.Operator.Range] = true
		if tt := strings.TrimSpace(c.Operator.Text); tt != c.Operator.Text && validOperator(tt) {
			report(c.Operator.Range.HCL(), "condition operator %s has white space around it, which IAM does not trim: it is an unknown operator and IAM rejects the policy (did you mean %q?)%s", quoteName(c.Operator.Text), tt, nonASCIINote(c.Operator.Text))
		} else if !validOperator(c.Operator.Text) {
			hint := ""
			if sug := suggestOperator(asciiLookalike(c.Operator.Text)); sug != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", sug)
			}
			report(c.Operator.Range.HCL(), "unknown condition operator %s%s: IAM rejects the policy (see the condition operator reference)%s", quoteName(c.Operator.Text), hint, nonASCIINote(c.Operator.Text))
		}
	}
	if synthetic(d) {
		return
	}
	for _, rs := range [][]iam.Value{s.Resources, s.NotResources()} {
		for _, r := range rs {
			if !r.Known {
				continue
			}
			why := arnProblem(r.Text)
			if why == "" {
				continue
			}
			if l := asciiLookalike(r.Text); l != r.Text && arnProblem(l) == "" {
				// A look-alike letter made it no ARN ("аrn:..." with a
				// Cyrillic а, a full-width ＊): escaped, with what it looks
				// like (a Resource may hold other non-ASCII characters, an
				// S3 key's: those are quoted as written).
				report(r.Range.HCL(), "Resource %s %s (did you mean %q?)%s", quoteName(r.Text), why, l, nonASCIINote(r.Text))
				continue
			}
			report(r.Range.HCL(), "Resource %q %s", r.Text, why)
		}
	}
}

// principalTypes are the keys of a Principal object, as IAM spells them, and
// the "*" type of data "aws_iam_policy_document" principals (Principal "*").
var principalTypes = map[string]bool{"AWS": true, "Service": true, "Federated": true, "CanonicalUser": true, "*": true}

// suggestPrincipalType suggests the principal type t misspells by case.
func suggestPrincipalType(t string) string {
	for k := range principalTypes {
		if k != "*" && strings.EqualFold(strings.TrimSpace(t), k) {
			return fmt.Sprintf(" (did you mean %q?)", k)
		}
	}
	return ""
}

// kindName names a policy kind for a message.
func kindName(k iam.Kind) string {
	switch k {
	case iam.SCP:
		return "SCP"
	case "":
		return "identity"
	}
	return string(k)
}

func anyKnown(vs []iam.Value) bool {
	for _, v := range vs {
		if v.Known {
			return true
		}
	}
	return false
}

func knownPrincipal(ps []iam.Principal) bool {
	for _, p := range ps {
		if p.Type.Known && p.ID.Known {
			return true
		}
	}
	return false
}

// malformedPrincipal reports whether d.Malformed() already says what is wrong
// with s's Principal (a number, a bare list): one finding, not two.
func malformedPrincipal(d *iam.Document, s *iam.Statement) bool {
	for _, m := range d.Malformed() {
		mr, sr := m.Range.HCL(), s.Range.HCL()
		if strings.HasPrefix(m.Text, "Principal ") && mr.Filename == sr.Filename &&
			mr.Start.Byte >= sr.Start.Byte && mr.End.Byte <= sr.End.Byte {
			return true
		}
	}
	return false
}
