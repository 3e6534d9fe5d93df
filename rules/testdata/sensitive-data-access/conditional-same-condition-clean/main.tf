# read_only has no value: both branches are linted, but the Action and the
# Resource of one statement take the same branch, as they do in Terraform
# (their conditions are one), never s3:GetObject on "*".
variable "read_only" {
  type = bool
}

locals {
  cfg = var.read_only ? { actions = ["s3:ListAllMyBuckets"], resources = ["*"] } : { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/*"] }
}

resource "aws_iam_policy" "same_condition" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.read_only ? "s3:ListAllMyBuckets" : "s3:GetObject"
      Resource = var.read_only ? "*" : "arn:aws:s3:::b/*"
    }]
  })
}

resource "aws_iam_policy" "same_conditional" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.cfg.actions, Resource = local.cfg.resources }]
  })
}
