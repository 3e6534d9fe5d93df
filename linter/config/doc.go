// Package config reads .iamlint.hcl, the project configuration:
//
//	fail_on      = "high"                 # low|medium|high|critical|none
//	min_severity = "low"
//	exclude      = ["modules/legacy/**", "**/*.generated.tf"]
//	enable       = ["wildcard-resource"]  # rule IDs (also: rule "ID" { enabled = true })
//	disable      = ["console-user"]
//
//	rule "wildcard-resource" {
//	  severity                   = "low"
//	  extra_resourceless_actions = ["cloudwatch:PutMetricData"]
//	}
//	rule "oidc-trust-unscoped" {
//	  enabled          = true
//	  trusted_subjects = ["repo:my-org/*:ref:refs/heads/main"]
//	}
//
//	ignore {
//	  rule    = "wildcard-action"         # a rule ID or "*"
//	  address = "module.legacy.*"         # glob over Terraform addresses; * also matches dots
//	  reason  = "being rewritten"         # required
//	  expires = "2027-01-31"              # optional
//	}
//
// Unknown attributes and blocks are errors that name file:line. Per-rule
// options are declared in RuleOptions; rules read them from Config.Rules.
//
// This package owns the file format, finding the file and applying ignores
// and excludes. It does not run rules, parse Terraform or read the clock.
package config
