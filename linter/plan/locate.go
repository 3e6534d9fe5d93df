package plan

import "github.com/iamlint/iamlint/linter/eval"

// locatedNode is node with a Node for every value inside (s.locateAll): for
// the body of a policy document data source, whose statement lists are
// the policy, so that a finding points at the element, not at the list.
func (s *scanner) locatedNode(i int, unk *unknownTree) (*eval.Node, int) {
	s.locateAll = true
	defer func() { s.locateAll = false }()
	return s.node(i, unk, 0)
}

// bodyNode is node for the body at i of change c: every value located for
// the types of locatesAll, the values of the attributes of locatedAttrs
// located for those types, and as node builds it for the others.
func (s *scanner) bodyNode(i int, unk *unknownTree, c *Change) (*eval.Node, int) {
	if locatesAll(c) {
		return s.locatedNode(i, unk)
	}
	if c.Mode == "resource" {
		if attrs := locatedAttrs[c.Type]; attrs != nil {
			s.locateKeys = attrs
			defer func() { s.locateKeys = nil }()
		}
	}
	return s.node(i, unk, 0)
}

// locatesAll reports whether the values of c's body are all located
// (locatedNode): a policy document data source, and the small resources
// whose scalar attributes the rules report at (the policy_arn of an
// attachment: admin-policy-attached; each setting of the account password
// policy: password-policy-weak). Their scalars had no Node, and such a
// finding pointed at the resource's "address", where in HCL it points at
// the value.
func locatesAll(c *Change) bool {
	if c.Mode == "data" {
		return c.Type == "aws_iam_policy_document"
	}
	return locatedTypes[c.Type]
}

// locatedTypes are the resource types whose bodies are located whole: a
// few scalars each.
var locatedTypes = map[string]bool{
	"aws_iam_account_password_policy":            true,
	"aws_iam_user_policy_attachment":             true,
	"aws_iam_group_policy_attachment":            true,
	"aws_iam_role_policy_attachment":             true,
	"aws_iam_policy_attachment":                  true,
	"aws_iam_user_policy_attachments_exclusive":  true,
	"aws_iam_group_policy_attachments_exclusive": true,
	"aws_iam_role_policy_attachments_exclusive":  true,
	"aws_ssoadmin_managed_policy_attachment":     true,
}

// locatedAttrs are, for resource types with bodies too big to locate
// whole, the top-level attributes whose values are located: a role's
// managed_policy_arns (admin-policy-attached at the ARN, not at the list).
var locatedAttrs = map[string]map[string]bool{
	"aws_iam_role": {"managed_policy_arns": true},
}
