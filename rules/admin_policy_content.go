package rules

import (
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter/awsdata"
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
	var c adminContent
	if a.Policy.Address == "" {
		c = adminContentOf(a.Policy)
	} else if v, ok := managedAdmin.Load(a.Policy.Address); ok {
		c = v.(adminContent)
	} else {
		// The snapshot's document of an ARN is the same for every
		// attachment of it (ReadOnlyAccess: thousands of actions to look
		// at): judged once per process, per ARN (bounded by the snapshot).
		c = adminContentOf(a.Policy)
		managedAdmin.Store(a.Policy.Address, c)
	}
	if !c.ok {
		return "", false
	}
	return name + c.why, true
}

// managedAdmin holds adminContentOf of AWS managed policies by ARN.
var managedAdmin sync.Map

// adminContent is what adminContentOf finds: whether the document grants
// "*" or all of IAM on every resource, and how (the message's end).
type adminContent struct {
	why string
	ok  bool
}

func adminContentOf(d *iam.Document) adminContent {
	for _, s := range d.Statements {
		if s == nil || !s.IsAllow() || len(s.Conditions()) > 0 || !onEveryResource(s) {
			continue
		}
		if s.NotAction().Present {
			if _, ok := s.GrantsAction("iam:PutRolePolicy"); ok && !notActionSparesIAM(s) {
				return adminContent{` (its content grants every IAM action through NotAction)`, true}
			}
			continue
		}
		for _, v := range s.Actions {
			if isEveryAction(v) {
				return adminContent{` (its content grants "*")`, true}
			}
			if !mayCoverIAM(v.Text) {
				continue // ReadOnlyAccess: 3,800 patterns of other services, not expanded
			}
			for _, svc := range coversService(v.Text) {
				if svc == "iam" {
					return adminContent{` (its content grants every IAM action: "` + v.Text + `")`, true}
				}
			}
		}
	}
	return adminContent{}
}

// mayCoverIAM reports whether the action pattern p may match every IAM
// action (coversService may list "iam"): not when it has one colon and its
// part before it does not match "iam" (awsdata.Match), since an action
// name has one colon, which the pattern's one colon must match (neither *
// nor ? takes it). A pattern without a colon, with more than one, or not
// ASCII, may.
func mayCoverIAM(p string) bool {
	i := strings.IndexByte(p, ':')
	if i < 0 || strings.IndexByte(p[i+1:], ':') >= 0 {
		return true
	}
	for j := 0; j < len(p); j++ {
		if p[j] >= 0x80 {
			return true
		}
	}
	return awsdata.Match(p[:i], "iam")
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
		for act := range expandValue(a).All() {
			if strings.EqualFold(act.Service.Prefix, "iam") {
				return true
			}
		}
	}
	return false
}
