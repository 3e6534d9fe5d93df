// Package extract turns evaluated Terraform (an eval.Result, from HCL or from a
// plan) into the IAM model that rules read.
//
// It owns:
//   - the one table of policy-consuming resource types: which attribute holds
//     which kind of policy (identity, trust, resource, scp), see table.go;
//   - data "aws_iam_policy_document": its statements as model values located at
//     the attributes and list elements that wrote them, source_ and
//     override_policy_documents merged by Sid the way the AWS provider does, and
//     the kind(s) it takes from the attributes that consume it;
//   - the renderer of aws_iam_policy_document's json / minified_json (Renderers),
//     byte for byte what the provider computes, so that other blocks and
//     modules see the rendered text during evaluation;
//   - synthetic resource policies for aws_lambda_permission,
//     aws_lambda_layer_version_permission and aws_cloudwatch_event_permission;
//   - the document of a jsonencode policy: iam.FromTree over its located
//     argument (nodeTree), or, for the usual policy (one FromTree reports
//     nothing about and that holds no conditional), the same Document built
//     straight from the evaluated nodes (direct.go), which gives up on
//     anything else and leaves it to FromTree (tests compare both ways).
//
// A second declaration of an address (eval.Block.Shadowed: two data
// "aws_iam_policy_document" "d" in one module, an error) is a block of its
// own: its documents and its entity are made and linted like any other's,
// but what resolves a reference by address (a consumer's
// data.aws_iam_policy_document.d.json, an attachment's aws_iam_role.r.name)
// finds the first declaration only, as the evaluator does. Maps of documents
// under construction are keyed by the block, not by its address.
//
// The values (actions, resources, principals, condition values) of the
// policies it reads in one address space are bounded (SpaceOfMax,
// budget.go): count, for_each and module instances multiply a long list.
// What is read past the bound is decided in a fixed order, never by the
// goroutines; a policy not read is a Document that is Unknown and Unread,
// with an error at its block.
//
// It must not judge policies (rules do that), parse policy JSON itself (package
// iam does, with positions mapped back through PosMapper), evaluate expressions
// (package eval does), or drop anything it cannot know: an unknown policy
// becomes a Document with Unknown set, never "*" and never nothing.
package extract
