# iam:PassRole through iam:* on every role, denied on every role by the same
# policy (a pattern Deny covering the granted ARN pattern).
data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:*"]
    resources = ["arn:aws:iam::*:role/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:Pass*"]
    resources = ["arn:aws:iam::*:role/*"]
  }
}

resource "aws_iam_role_policy" "deployer" {
  role   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}
