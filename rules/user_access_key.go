package rules

import (
	"strconv"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// UserAccessKey fires on every aws_iam_access_key: a long-lived secret of an
// IAM user. status = "Inactive" lowers it to low.
var UserAccessKey = &linter.Rule{
	ID:       "user-access-key",
	Title:    "long-lived access key for an IAM user",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `An aws_iam_access_key is a long-lived secret: it does not expire, is copied into CI settings, ` +
			`laptops and scripts, and is the most common way AWS accounts are breached. Unless pgp_key is ` +
			`set, Terraform also stores the secret in plain text in its state. A user may hold two keys; ` +
			`each is reported. An Inactive key (status = "Inactive") is reported at low severity: it can be ` +
			`switched on again. A status other than "Active" or "Inactive" (case counts) is refused by the ` +
			`AWS provider at plan: it is an error at the value, and that key is not linted.`,
		Fix: `Use temporary credentials from a role instead: an instance profile on EC2, IRSA or EKS Pod ` +
			`Identity on Kubernetes, OIDC federation for CI (GitHub Actions, GitLab, Terraform Cloud), IAM ` +
			`Roles Anywhere for on-premises machines, IAM Identity Center for people. If a key cannot be ` +
			`avoided, set pgp_key so the state holds only the encrypted secret, and rotate it.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
			"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key",
		},
	},
	Check: checkUserAccessKey,
}

func checkUserAccessKey(p *linter.Pass) {
	for _, k := range graph(p).AccessKeys {
		sev := linter.Severity(0)
		state := ""
		// Exactly "Inactive": the AWS provider refuses any other spelling
		// at plan (extract reports it as an error, and the key is not
		// linked); an unknown status is not taken for "Inactive".
		if k.Status.Known && k.Status.Text == "Inactive" {
			sev = linter.Low
			state = "inactive "
		}
		plain := ""
		if !k.PGPKey {
			plain = "; pgp_key is not set, so the secret is stored in plain text in the Terraform state"
		}
		p.Report(linter.Finding{
			Severity: sev,
			Message:  "long-lived " + state + "access key for an IAM user" + userPhrase(k.User) + ": use an IAM role instead (instance profile, IRSA, OIDC federation for CI, IAM Roles Anywhere)" + plain,
			Range:    k.Range,
			Resource: k.Address,
			Related:  k.Related,
		})
	}
}

// userPhrase names a user for a message: ` (aws_iam_user.ci)`, ` ("legacy",
// created outside this configuration)`; "" when unknown.
func userPhrase(u *iam.Entity) string {
	switch {
	case u == nil:
		return ""
	case u.External && u.Name.Known:
		return " (" + strconv.Quote(u.Name.Text) + ", created outside this configuration)"
	case u.Address != "":
		return " (" + blockAddress(u.Address) + ")"
	}
	return ""
}
