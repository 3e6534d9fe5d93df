# One attachment block over a map of policies: each administrator policy is
# its own finding on the policy_arn line, even though the instances share it.
data "aws_partition" "current" {}

locals {
  platform_policies = {
    admin    = "arn:aws:iam::aws:policy/AdministratorAccess"
    iam      = "arn:${data.aws_partition.current.partition}:iam::aws:policy/IAMFullAccess"
    readonly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
}

resource "aws_iam_role" "platform" {
  name = "platform"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "platform" {
  for_each   = local.platform_policies
  role       = aws_iam_role.platform.name
  policy_arn = each.value # want "admin-policy-attached" "admin-policy-attached"
}

resource "aws_iam_role_policy_attachments_exclusive" "platform" {
  role_name   = aws_iam_role.platform.name
  policy_arns = values(local.platform_policies) # want "admin-policy-attached" "admin-policy-attached"
}
