// Package effective computes the effective permissions of each principal of
// the identity graph: for a user, group, role or permission set, the union of
// its inline policies, the customer and AWS managed policies attached to it
// and (for users) those of its groups, minus what an unconditional Deny or its
// permissions boundary (when the boundary's document is known) excludes.
//
// It owns:
//   - Set / For: the policies of one principal and the questions rules ask of
//     them (does the principal hold action X on unscoped resources, and where);
//   - EscalationPaths: the table of known privilege escalation methods, shared
//     by the privilege-escalation rule and the principals summary;
//   - Compute / PrincipalSummary / WriteTable: the per-principal summary
//     (admin-equivalent, escalation paths, access levels per service) of the
//     JSON report's "principals" section and the text format's --principals
//     table.
//
// It must not: report findings (rules do), read Terraform, HCL or plan JSON
// (only the iam model and the embedded catalog), or treat an unknown value as
// a wildcard: unknown actions grant nothing here, and a principal with a
// policy it cannot see is marked incomplete.
package effective
