package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// catalogRules are the rules of the catalog phase: they judge policies
// against the embedded AWS action catalog (package awsdata), IAM grammar and
// AWS quotas.
var catalogRules = []*linter.Rule{
	UnknownAction,
	PolicyInvalid,
	PolicyVersion,
	SensitiveDataAccess,
	PolicyTooLarge,
	CrossAccountTrustUnscoped,
}

// documents calls f for every document of the model that a document-level
// rule judges: not nil and not an AWS managed policy (Managed documents are
// AWS's own text, see iam.Document.Managed).
func documents(m *iam.Model, f func(d *iam.Document)) {
	if m == nil {
		return
	}
	for _, d := range m.Documents {
		if d != nil && !d.Managed {
			f(d)
		}
	}
}

// synthetic reports whether a document is built by extract from resource
// attributes rather than written as a policy (aws_lambda_permission,
// aws_cloudwatch_event_permission): its Resource holds a function or event
// bus name, not an ARN, and it has no Version.
func synthetic(d *iam.Document) bool {
	return d.ResourceType == "aws_cloudwatch_event_permission" ||
		strings.HasPrefix(d.ResourceType, "aws_lambda_") && strings.HasSuffix(d.ResourceType, "_permission")
}

// everyResource reports whether a statement applies to every resource (or
// every resource of a service): NotResource, or a Resource such as "*",
// "arn:aws:s3:::*".
func everyResource(s *iam.Statement) (iam.Value, bool) {
	if s.NotResource().Present {
		return iam.KnownValueAt("NotResource", s.NotResource().Range), true
	}
	for _, r := range s.Resources {
		if coversEveryResource(r) {
			return r, true
		}
	}
	return iam.Value{}, false
}
