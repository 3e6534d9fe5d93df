# Denies that take away only part of "*" (one service, one bucket), or only
# under a condition: the grant of every action stays.
resource "aws_iam_policy" "almost_admin" {
  name = "almost-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" }, # want "wildcard-action"
      { Effect = "Deny", Action = ["iam:*", "organizations:*"], Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "arn:aws:s3:::audit-logs/*" }
    ]
  })
}

data "aws_iam_policy_document" "mfa" {
  statement {
    actions   = ["*"] # want "wildcard-action"
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role_policy" "mfa" {
  role   = "admin"
  policy = data.aws_iam_policy_document.mfa.json
}
