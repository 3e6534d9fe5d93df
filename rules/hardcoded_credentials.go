package rules

import "github.com/iamlint/iamlint/linter"

// HardcodedCredentials fires on AWS credential literals in the configuration.
var HardcodedCredentials = &linter.Rule{
	ID:       "hardcoded-credentials",
	Title:    "AWS credentials written in the configuration",
	Severity: linter.Critical,
	Doc: linter.Doc{
		Why: `An AWS access key ID (AKIA... for a long-term key, ASIA... for a temporary one) or a secret ` +
			`access key written in a .tf or .tfvars file ends up in version control, CI logs and every ` +
			`copy of the repository. Anyone who reads it can act as the key's owner. Keys in provider ` +
			`"aws" access_key/secret_key, variable defaults, .tfvars (even unused ones), any string, and ` +
			`an access key ID used as a for_each key (even one built with join or format: reported at its ` +
			`block or module call) are reported; only the first four characters are ever shown, and the text report masks ` +
			`the pieces a key is built from in the lines it quotes. A secret access key (40 ` +
			`characters of base64) is recognised under a name that says so (secret_key, ` +
			`deploy_secret_access_key, AWS_SECRET, awsSecretAccessKey, aws_secret_access_key = ... in a ` +
			`heredoc); a key written once and copied elsewhere is reported where it is written. An access ` +
			`key ID written with JSON escapes (a policy's "s3:\\u0041KIA...") is reported where the escapes ` +
			`are. A 40-character value of that form under another name (variable "k", a module argument, a ` +
			`templatefile variable) is not reported, as it cannot be told from a name or the end of an ARN, ` +
			`but when a string is written as exactly that value it is masked like a key in every message ` +
			`and address. An access key ID is exactly 20 characters between characters that are not letters ` +
			`or digits: AKIA and 17 or more is another identifier, as other secret scanners take it. ` +
			`An access key ID in the name of a file or directory the run reads is reported at line 1 of ` +
			`the file (the first of a directory's); the paths are printed as they are in every location, ` +
			`which must stay a path that editors and the SARIF, GitHub and GitLab readers open, while the ` +
			`messages mask the key.`,
		Fix: `Remove the literal, deactivate and delete the key in IAM (it must be considered leaked), and ` +
			`let the provider find credentials itself: environment variables, a shared profile, SSO, an ` +
			`assumed role, or OIDC federation in CI. Never pass secrets as Terraform variables with defaults.`,
		Links: []string{
			"https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys",
		},
	},
	Check: checkHardcodedCredentials,
}

func checkHardcodedCredentials(p *linter.Pass) {
	for _, s := range graph(p).Secrets {
		what := "AWS access key ID"
		if s.Kind == "secret-access-key" {
			what = "AWS secret access key"
		}
		where, fix := " written in the configuration", ""
		if s.Attribute != "" {
			where = " in " + s.Attribute + where
		}
		if s.InPath {
			// A file's or a directory's name (extract.pathSecrets: the
			// path is printed, unmasked, as every location is).
			where, fix = " in "+s.Attribute, "rename it, "
		}
		p.Report(linter.Finding{
			Message: what + " (" + s.Prefix + "...)" + where + ": " + fix +
				"delete and rotate the key, and let the provider read credentials from the environment, a profile, SSO or an assumed role",
			Range:    s.Range,
			Resource: s.Address,
		})
	}
}
