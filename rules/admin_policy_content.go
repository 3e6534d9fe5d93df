package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter/iam"
)

// managedAdminContent reports, for an attachment of an AWS managed policy
// whose document the snapshot holds (Attachment.Policy.Managed), whether that
// content grants every action ("*") or every IAM action ("iam:*", or a pattern
// or NotAction that covers all of IAM) on every resource, with no condition.
// It returns the policy's name and what it grants, for the message.
func managedAdminContent(a *iam.Attachment) (string, bool) {
	if a == nil || a.Policy == nil || !a.Policy.Managed {
		return "", false
	}
	name, _ := a.AWSManagedPolicyName()
	if name == "" {
		name = a.Policy.Address
	}
	for _, s := range a.Policy.Statements {
		if s == nil || !s.IsAllow() || len(s.Conditions) > 0 || !onEveryResource(s) {
			continue
		}
		if s.NotAction().Present {
			if _, ok := grantsAction(s, "iam:PutRolePolicy"); ok && !notActionSparesIAM(s) {
				return name + ` (its content grants every IAM action through NotAction)`, true
			}
			continue
		}
		for _, v := range s.Actions {
			if isEveryAction(v) {
				return name + ` (its content grants "*")`, true
			}
			for _, svc := range coversService(v.Text) {
				if svc == "iam" {
					return name + ` (its content grants every IAM action: "` + v.Text + `")`, true
				}
			}
		}
	}
	return "", false
}

// onEveryResource reports whether a statement applies to Resource "*" (or NotResource).
func onEveryResource(s *iam.Statement) bool {
	if s.NotResource().Present {
		return true
	}
	for _, r := range s.Resources {
		if isStar(r) {
			return true
		}
	}
	return false
}

// notActionSparesIAM reports whether a NotAction statement excludes any IAM
// action (then it does not grant all of IAM).
func notActionSparesIAM(s *iam.Statement) bool {
	for _, a := range s.NotActions() {
		if !a.Known {
			return true
		}
		for _, act := range expandValue(a) {
			if strings.EqualFold(act.Service.Prefix, "iam") {
				return true
			}
		}
	}
	return false
}
