# The AWS documentation's force-MFA policy ("DenyAllExceptListedIfNoMFA" with
# BoolIfExists aws:MultiFactorAuthPresent = false) read with file() and
# templatefile(), attached to a group: nothing ineffective here.
resource "aws_iam_group" "humans" {
  name = "humans"
}

resource "aws_iam_policy" "force_mfa" {
  name   = "ForceMFA"
  policy = file("${path.module}/policies/force_mfa.json")
}

resource "aws_iam_group_policy_attachment" "force_mfa" {
  group      = aws_iam_group.humans.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

# An Allow that requires MFA the right way: Bool ... = true.
resource "aws_iam_group_policy" "admin_with_mfa" {
  name  = "admin-with-mfa"
  group = aws_iam_group.humans.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowAdminWithMFA"
      Effect    = "Allow"
      Action    = "ec2:*"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# Deny old MFA sessions: NumericGreaterThanIfExists on the age.
data "aws_iam_policy_document" "fresh_mfa" {
  statement {
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = ["*"]
    condition {
      test     = "NumericGreaterThanIfExists"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_group_policy" "fresh_mfa" {
  name   = "fresh-mfa"
  group  = aws_iam_group.humans.name
  policy = data.aws_iam_policy_document.fresh_mfa.json
}
