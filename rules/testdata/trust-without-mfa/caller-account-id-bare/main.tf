# A bare account ID read from aws_caller_identity: the whole account, as
# "arn:aws:iam::ACCOUNT:root" would be, even though the ID is known only after apply.
data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id # want "trust-without-mfa"
}

data "aws_iam_policy_document" "ops_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id] # want "trust-without-mfa"
    }
  }
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.ops_trust.json
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = [local.account_id] }
    }]
  })
}

# The same with MFA: no finding.
data "aws_iam_policy_document" "admin_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = data.aws_iam_policy_document.admin_trust.json
}

# The caller's own ARN is not an account: it may be a role session.
data "aws_iam_policy_document" "caller_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.arn]
    }
  }
}

resource "aws_iam_role" "caller" {
  name               = "caller"
  assume_role_policy = data.aws_iam_policy_document.caller_trust.json
}
