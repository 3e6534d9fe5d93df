# The account and partition are known only after apply, but the role part of
# the ARN is not: "role/*" is every role of that account, whichever it is.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

variable "service_role_name" {
  type = string
}

resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*"
      },
      {
        # Scoped to a name prefix: fine.
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/app-*"
      },
      {
        # The role name itself is unknown: never taken for "*".
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${var.service_role_name}"
      }
    ]
  })
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["iam:PassRole"] # want "passrole-wildcard"
    resources = ["arn:${data.aws_partition.current.partition}:iam::*:role/*"]
  }
}

resource "aws_iam_role_policy" "ci" {
  role   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}

resource "aws_iam_role_policy" "legacy" {
  role = "legacy"
  # want +6 "passrole-wildcard"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "iam:PassRole",
        "Resource": "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/*"
      }]
    }
  EOT
}
