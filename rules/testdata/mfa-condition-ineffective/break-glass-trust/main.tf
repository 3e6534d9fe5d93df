data "aws_caller_identity" "current" {}

# Break-glass role for people of this account: Bool ... = true is the right
# form in an Allow (requests without the key do not match).
resource "aws_iam_role" "break_glass" {
  name = "break-glass"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Condition = {
        Bool = { "aws:MultiFactorAuthPresent" = "true" }
      }
    }]
  })
}

# The same role written with BoolIfExists: long-term keys (no MFA key in the
# request) pass.
resource "aws_iam_role" "break_glass_ifexists" {
  name = "break-glass-ifexists"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Condition = {
        BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } # want "mfa-condition-ineffective"
      }
    }]
  })
}

# MFA on an EC2 service trust never holds.
data "aws_iam_policy_document" "ec2_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    condition {
      test     = "Bool" # want "mfa-condition-ineffective"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role" "ec2" {
  name               = "ec2"
  assume_role_policy = data.aws_iam_policy_document.ec2_trust.json
}

# MFA on a GitHub OIDC trust: web-identity tokens never carry MFA.
resource "aws_iam_role" "github" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main"
        }
        Bool = { "aws:MultiFactorAuthPresent" = "true" } # want "mfa-condition-ineffective"
      }
    }]
  })
}
