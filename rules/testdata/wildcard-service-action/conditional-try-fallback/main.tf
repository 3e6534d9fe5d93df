# admin has no value: try() over a conditional takes its next argument in
# the branch where the first is refused (no such attribute), as Terraform
# does when that branch is picked.
variable "admin" {
  type = bool
}

locals {
  ops  = var.admin ? {} : { actions = ["s3:GetObject"] }
  deep = var.admin ? { extra = {} } : {}
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = try(local.ops.actions, ["ec2:*"]) # want "wildcard-service-action"
      Resource = "*"
    }]
  })
}

# Three arguments: each branch refuses the first two; a function of a
# refused value is refused too.
resource "aws_iam_policy" "deep" {
  name = "deep"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = try(flatten(local.deep.extra.actions), local.deep.more, ["sqs:*"]) # want "wildcard-service-action"
      Resource = "*"
    }]
  })
}
