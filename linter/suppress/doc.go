// Package suppress finds inline suppression comments in Terraform source and
// applies them to findings.
//
// Syntax (in # or // comments):
//
//	# iamlint:ignore wildcard-resource,wildcard-action -- CloudWatch agent needs it; expires 2027-06-30
//
// A reason after "--" is required, the expiry is optional. A comment alone on
// its line applies to the block that starts on the next code line (the whole
// block, nested blocks included), or, when no block starts there, to that
// next line only; a comment after code applies to its own line only. A
// directive also matches a finding whose module call chain (Finding.Related)
// passes through its scope, so a comment above a module block suppresses the
// rule inside that module call.
//
// For people migrating from other tools, these are honoured for the peer
// checks that map onto iamlint rules (see peers.go):
//
//	#tfsec:ignore:aws-iam-no-policy-wildcards[:exp:2027-01-31]
//	#trivy:ignore:AVD-AWS-0057[:exp:2027-01-31]
//	#checkov:skip=CKV_AWS_63:reason       (scoped to the enclosing block, as checkov does)
//
// Malformed directives (no rule, no reason, a bad date, an unknown rule ID),
// expired ones and unused ones are reported as findings of the rule
// invalid-suppression (Rule). Peer directives for checks that do not map
// onto an iamlint rule are ignored silently (they belong to the other tool),
// and unused peer directives are not reported.
//
// This package owns the comment syntax and the matching. It does not load
// files, run rules or read the clock: the time is passed in.
package suppress
