package rules

import (
	"strconv"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// identityRules are the rules about who holds permissions and how they sign
// in: long-term credentials, MFA, trust and federation, privilege, account
// settings. They read the identity graph (iam.Graph) built by package extract.
var identityRules = []*linter.Rule{
	UserAccessKey,
	UserDirectPolicy,
	ConsoleUser,
	HardcodedCredentials,
	MFANotEnforced,
	TrustWithoutMFA,
	MFAConditionIneffective,
	OIDCTrustUnscoped,
	PrivilegeEscalation,
	PassRoleWildcard,
	AdminPolicyAttached,
	PasswordPolicyWeak,
}

// graph returns the identity graph of the pass, never nil.
func graph(p *linter.Pass) *iam.Graph {
	if p.Model == nil || p.Model.Graph == nil {
		return &iam.Graph{}
	}
	return p.Model.Graph
}

// entityName names an entity for a message: its IAM name, or its address.
func entityName(e *iam.Entity) string {
	if e == nil {
		return "(unknown)"
	}
	if e.Name.Known {
		return string(e.Kind) + " " + `"` + e.Name.Text + `"`
	}
	if e.Address != "" {
		return string(e.Kind) + " " + e.Address
	}
	return string(e.Kind) + " (name known after apply)"
}

// principalPhrase names the principal of a link for a message, the same for
// every instance of one block (so that dedupe keeps one finding per element):
// ` to role aws_iam_role.app`, ` to role "OrganizationAccountAccessRole"
// (created outside this configuration)`, ` to role (name known after apply)`;
// "" when there is no principal.
func principalPhrase(prep string, e *iam.Entity) string {
	if e == nil {
		return ""
	}
	kind := string(e.Kind)
	if e.Kind == iam.PermissionSet {
		kind = "permission set"
	}
	switch {
	case e.External && e.Name.Known:
		return " " + prep + " " + kind + " " + strconv.Quote(e.Name.Text) + " (created outside this configuration)"
	case e.Address != "":
		return " " + prep + " " + kind + " " + blockAddress(e.Address)
	case e.External:
		return " " + prep + " " + kind + " (name known after apply)" // role = var.role_name
	}
	return ""
}

// keyIs reports whether a condition key is known and equal to k (any case).
func keyIs(c iam.Condition, k string) bool {
	return c.Key.Known && strings.EqualFold(c.Key.Text, k)
}

// opIs reports whether the condition operator is known and equal to op (any case).
func opIs(c iam.Condition, op string) bool {
	return c.Operator.Known && strings.EqualFold(c.Operator.Text, op)
}

// hasValue reports whether one of the condition's values is known and equal
// to s (any case).
func hasValue(c iam.Condition, s string) bool {
	for _, v := range c.Values {
		if v.Known && strings.EqualFold(strings.TrimSpace(v.Text), s) {
			return true
		}
	}
	return false
}

// isMFAKey reports whether the condition is on aws:MultiFactorAuthPresent or
// aws:MultiFactorAuthAge.
func isMFAKey(c iam.Condition) bool {
	return keyIs(c, "aws:MultiFactorAuthPresent") || keyIs(c, "aws:MultiFactorAuthAge")
}

// reportPolicy reports a finding about an identity document: once per block
// that uses it when it is a data "aws_iam_policy_document" (so that the
// finding names the policy or principal that receives the grant), else once
// on the document.
func reportPolicy(p *linter.Pass, d *iam.Document, f linter.Finding) {
	f.PolicyKind = d.Kind
	f.Related = append(f.Related, d.Related...)
	users := graph(p).Consumers[d]
	if len(users) == 0 {
		f.Resource = d.Address
		p.Report(f)
		return
	}
	msg := f.Message
	for _, u := range users {
		f.Resource = u
		// The message names the blocks as written (no module path, no
		// instance key), so that the finding of a module linted on its own
		// and through its call, or of several instances, is one finding.
		f.Message = msg + " (policy document " + blockAddress(d.Address) + " used by " + blockAddress(u) + ")"
		p.Report(f)
	}
}

// blockAddress is the address of the block that an instance address comes
// from, relative to its module: module.m["k"].aws_iam_policy.p["a"] ->
// aws_iam_policy.p.
func blockAddress(addr string) string {
	// Drop the module path.
	for strings.HasPrefix(addr, "module.") {
		i := len("module.")
		for i < len(addr) && addr[i] != '.' && addr[i] != '[' {
			i++
		}
		if i < len(addr) && addr[i] == '[' {
			i = skipBracket(addr, i)
		}
		if i >= len(addr) || addr[i] != '.' {
			return addr
		}
		addr = addr[i+1:]
	}
	// Drop instance keys.
	if i := strings.IndexByte(addr, '['); i >= 0 {
		if j := skipBracket(addr, i); j == len(addr) {
			addr = addr[:i]
		}
	}
	return addr
}

// skipBracket returns the index just past the [...] group that starts at
// s[i], strings in it included; len(s) when it is not closed.
func skipBracket(s string, i int) int {
	inStr := false
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case inStr && c == '\\':
			j++
		case inStr && c == '"':
			inStr = false
		case c == '"':
			inStr = true
		case !inStr && c == ']':
			return j + 1
		}
	}
	return len(s)
}
