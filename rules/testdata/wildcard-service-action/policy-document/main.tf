data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "Registry"
    actions   = ["ecr:*", "iam:*"] # want "wildcard-service-action" "wildcard-service-action"
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ci" {
  name   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
