# The module default grants "*"; the override replaces that statement by sid.
data "aws_iam_policy_document" "default" {
  statement {
    sid       = "Main"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Main"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:orders"]
  }
}

data "aws_iam_policy_document" "final" {
  source_policy_documents   = [data.aws_iam_policy_document.default.json]
  override_policy_documents = [data.aws_iam_policy_document.narrow.json]
}

resource "aws_iam_policy" "final" {
  name   = "final"
  policy = data.aws_iam_policy_document.final.json
}
