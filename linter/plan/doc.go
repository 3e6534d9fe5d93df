// Package plan loads a Terraform plan in its JSON form (`terraform show -json
// PLAN`, any format_version from 0.1 to 1.x) into the same eval.Result the HCL
// loader produces, so the same extractor and rules run on plans.
//
// It owns: recognising a plan by content (IsPlan), reading resource_changes
// (before, after, after_unknown) and deferred_changes (the same shape, partial
// values; Terraform 1.9+ -allow-deferral), planned_values, prior_state (data sources read
// during planning), module and instance addresses, the change actions of every
// block, and located errors for JSON that is not a valid plan. From the
// configuration section it reads only which attributes each resource sets and
// their references (Change.Configured; see config.go).
//
// A plan keeps no references, only values, so the loader restores the one
// the extractor needs: a resource string that is exactly the json of a data
// aws_iam_policy_document of the plan gets a Ref to it (link.go), and an
// unknown attribute whose configuration references exactly one such document
// (data.T.N.json, or data.T.N[each.key].json) gets a Ref to that instance
// (config.go). A finding in the document is then reported once, on the data
// source's address, as in HCL.
//
// It must not: evaluate .tf source (the --source path is elsewhere), decide what
// is reported (no --new-only filtering, no rules), print values (plans carry
// secrets in clear text), touch the network, or panic on any input.
//
// A plan member of the wrong type is an "Invalid plan" error at it, naming
// it by its path (shape.go): fatal, but for a sensitivity mark of the wrong
// type (after_sensitive "yes", sensitive_values 7, an array for an object),
// which is an error in After.Diags: the value it marks is sensitive as a
// whole, and the rest of the plan loads (markDiags).
//
// A key given twice in an object the loader reads (Terraform never writes
// one) counts with its last value, never both joined, and is a located
// notice "Duplicate key in plan JSON" at the second key, wherever it is:
// see dupkeys.go. An instance listed more than once in resource_changes,
// planned_values or prior_state (Terraform lists each once) is a notice
// per address at its second entry, and nothing is dropped for it: every
// entry of resource_changes is linted: see dupaddr.go.
//
// Values keep their meaning: an attribute that after_unknown marks unknown is an
// unknown cty value (cty.DynamicVal), never a placeholder and never dropped.
// Every Node has a Range in the plan file: the exact JSON text of that value
// (line and byte column), and attributes carry the NameRange of their key.
// To keep big plans small, only values that may hold a policy get a Node:
// containers, unknown attributes and strings that may be a policy document
// (or containers on the way to one); scalars are in the parent's Val and
// eval.Node.Get/Index derive them at the parent's range. See scanner.node.
// The values' object and tuple types are made once per shape for a plan
// and shared (read-only, as cty types are), and the values built around
// them directly (ctyfast.go): on a big plan cty.ObjectVal's type maps were
// an eighth of the loaded plan.
// With Options.BeforeResourcesOnly (what --new-only uses), Before holds only
// managed resources; the unchanged attributes of updated ones, and the whole
// body of unchanged ones, share the after Nodes (scanner.sharedBody).
//
// With Options.Relevant (what the runner passes without --new-only and
// without .tf source), the blocks of other types are in After without their
// values: the extractor reads only IAM-related types, and most resources of
// a real plan are not. With Options.Unread, the top-level attributes it
// names (the runner's: tags and tags_all) are left out of the bodies.
//
// With Options.Lazy (what the runner passes for a big plan without
// --new-only and without .tf source), the bodies of managed resources are
// not built by Load: Plan.Stream builds them a chunk at a time, in the
// order of After's modules and blocks, with the links Load gives, for a
// caller that reads each chunk and keeps only what it needs of it (the
// runner extracts it: extract.PlanStream), so that the values of the whole
// plan are never in memory at once; LazyString and LazyStrings read an
// attribute of an unbuilt body as the built one would hold it.
//
// The JSON is read by a small scanner over the plan bytes (one pass, no
// intermediate tree; the values of resource_changes, most of a big plan, are
// built on every CPU, on big plans while the pass reads on, in plan order
// for the result: bodies.go) rather
// than by decoding into terraform-json's tfjson.Plan:
// that decode keeps no positions and is far slower and heavier on big plans
// (see BenchmarkTFJSONUnmarshal50MB). terraform-json still defines the format
// version check (Plan.Validate) and the change actions (tfjson.Actions).
package plan
