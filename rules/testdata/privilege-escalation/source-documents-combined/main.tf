# One policy whose statements come from two documents merged by
# source_policy_documents: iam:PassRole (from "pass") with ec2:RunInstances
# (its own) is an escalation path in the one policy AWS receives.
data "aws_iam_policy_document" "pass" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "launch" {
  source_policy_documents = [data.aws_iam_policy_document.pass.json]
  statement {
    sid       = "Launch"
    actions   = ["ec2:RunInstances"] # want "privilege-escalation"
    resources = ["*"]
  }
}

resource "aws_iam_policy" "launch" {
  policy = data.aws_iam_policy_document.launch.json
}
