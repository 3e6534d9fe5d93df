variable "security_account_id" {
  type    = string
  default = "111122223333"
}

# Break-glass admin: people of the security account, MFA required (Bool).
resource "aws_iam_role" "break_glass" {
  name = "BreakGlassAdmin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowSecurityAccountWithMFA"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.security_account_id}:root" }
      Condition = {
        Bool = { "aws:MultiFactorAuthPresent" = "true" }
      }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

# Written with BoolIfExists: still an MFA condition for this rule (the
# ineffective operator is mfa-condition-ineffective's business).
resource "aws_iam_role" "break_glass_ifexists" {
  name = "BreakGlassIfExists"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.security_account_id}:root" }
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# MFA age in a policy document.
data "aws_iam_policy_document" "ops_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.security_account_id}:root"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.ops_trust.json
}

# The same break-glass role without the condition: any key of the account.
resource "aws_iam_role" "break_glass_no_mfa" {
  name = "BreakGlassNoMFA"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { AWS = "arn:aws:iam::${var.security_account_id}:root" } # want "trust-without-mfa"
    }]
  })
}
