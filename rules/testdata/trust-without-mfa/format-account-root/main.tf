# The account root built with format(), as iam-vulnerable does; the same
# with an MFA condition is clean.
data "aws_caller_identity" "current" {}

locals {
  account_root = format("arn:aws:iam::%s:root", data.aws_caller_identity.current.account_id) # want "trust-without-mfa"
}

resource "aws_iam_role" "permissive" {
  name = "permissive-role-trust"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
    }]
  })
}

resource "aws_iam_role" "with_mfa" {
  name = "with-mfa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { AWS = format("arn:aws:iam::%s:root", data.aws_caller_identity.current.account_id) }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# A GitHub provider ARN built with format() and no subject condition.
resource "aws_iam_role" "gha" {
  name = "gha"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRoleWithWebIdentity"
      Effect    = "Allow"
      Principal = { Federated = format("arn:aws:iam::%s:oidc-provider/%s", data.aws_caller_identity.current.account_id, "token.actions.githubusercontent.com") }
    }]
  })
}
