# element() with a negative index counts from the end (Terraform 1.10+,
# go-cty): the finding is on the element picked, not on the call.
locals {
  actions = [
    "s3:GetObject",
    "dynamodb:*", # want "wildcard-service-action"
    "ec2:*", # want "wildcard-service-action"
  ]
}

resource "aws_iam_policy" "last" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = element(local.actions, -1), Resource = "*" }]
  })
}

resource "aws_iam_policy" "wrapped" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = element(local.actions, -5), Resource = "*" }]
  })
}
