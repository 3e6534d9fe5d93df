# jsondecode of a text jsonencode wrote is located where jsonencode's
# argument was written; concat of it with a list not located element by
# element (the rendered json of a policy document) keeps it so.
locals {
  extra = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:*" # want "wildcard-service-action"
      Resource = "*"
    }]
  })
  roundtrip = jsondecode(jsonencode({ actions = [
    "s3:GetObject",
    "ecr:*", # want "wildcard-service-action"
  ] }))
}

data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["sqs:*"] # want "wildcard-service-action"
    resources = ["*"]
  }
}

resource "aws_iam_policy" "merged" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      jsondecode(data.aws_iam_policy_document.base.json).Statement, # want "wildcard-service-action"
      jsondecode(local.extra).Statement,
    )
  })
}

resource "aws_iam_policy" "roundtrip" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.roundtrip.actions, Resource = "*" }] })
}
