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

// locatesAll reports whether the values of c's body are all located
// (locatedNode): a policy document data source.
func locatesAll(c *Change) bool {
	return c.Mode == "data" && c.Type == "aws_iam_policy_document"
}
