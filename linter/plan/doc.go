// Package plan loads a Terraform plan in its JSON form (`terraform show -json
// PLAN`, any format_version from 0.1 to 1.x) into the same eval.Result the HCL
// loader produces, so the same extractor and rules run on plans.
//
// It owns: recognising a plan by content (IsPlan), reading resource_changes
// (before, after, after_unknown), planned_values, prior_state (data sources read
// during planning), module and instance addresses, the change actions of every
// block, and located errors for JSON that is not a valid plan.
//
// It must not: evaluate .tf source (the --source path is elsewhere), decide what
// is reported (no --new-only filtering, no rules), print values (plans carry
// secrets in clear text), touch the network, or panic on any input.
//
// Values keep their meaning: an attribute that after_unknown marks unknown is an
// unknown cty value (cty.DynamicVal), never a placeholder and never dropped.
// Every Node has a Range in the plan file: the exact JSON text of that value
// (line and byte column), and attributes carry the NameRange of their key.
package plan
