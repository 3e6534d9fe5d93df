# Permissions boundaries defined in the configuration, and grants whose
# unscoped resources belong to another service.

locals {
  ec2_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# A boundary that removes IAM and Organizations (NotAction).
resource "aws_iam_policy" "no_iam" {
  name = "no-iam"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }]
  })
}

# AdministratorAccess under the no-iam boundary (by reference).
resource "aws_iam_role" "bounded" {
  name                 = "bounded"
  assume_role_policy   = local.ec2_trust
  permissions_boundary = aws_iam_policy.no_iam.arn
  managed_policy_arns  = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

# The same boundary by its literal ARN, over a split PassRole + RunInstances.
resource "aws_iam_policy" "s3_only" {
  name = "s3-only"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_role" "ci" {
  name                 = "ci"
  assume_role_policy   = local.ec2_trust
  permissions_boundary = "arn:aws:iam::111122223333:policy/s3-only"
}

resource "aws_iam_role_policy" "ci_pass" {
  role   = aws_iam_role.ci.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_role_policy" "ci_run" {
  role   = aws_iam_role.ci.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })
}

# An AWS managed boundary through data "aws_iam_policy" by name.
data "aws_iam_policy" "readonly" {
  name = "ReadOnlyAccess"
}

resource "aws_iam_user" "auditor" {
  name                 = "auditor"
  permissions_boundary = data.aws_iam_policy.readonly.arn
}

resource "aws_iam_user_policy" "auditor" {
  user   = aws_iam_user.auditor.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

# Every action, but only on one bucket: no IAM or EC2 escalation.
resource "aws_iam_role" "bucket" {
  name               = "bucket"
  assume_role_policy = local.ec2_trust
}

resource "aws_iam_role_policy" "bucket" {
  role = aws_iam_role.bucket.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"] }]
  })
}

# AdministratorAccess with a blanket Deny of IAM: every service but IAM.
resource "aws_iam_role" "denied" {
  name                = "denied"
  assume_role_policy  = local.ec2_trust
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_role_policy" "denied" {
  role   = aws_iam_role.denied.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "iam:*", Resource = "*" }] })
}
