# The shared base grants "*" under Sid "Main"; the override replaces it by Sid.
locals {
  base_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Main"
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Main"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:orders"]
  }
}

data "aws_iam_policy_document" "final" {
  source_policy_documents   = [local.base_policy]
  override_policy_documents = [data.aws_iam_policy_document.narrow.json]
}

resource "aws_iam_policy" "final" {
  name   = "final"
  policy = data.aws_iam_policy_document.final.json
}
