# aws_iam_group_membership form, guard as an inline group policy from a policy document.
resource "aws_iam_user" "carol" {
  name = "carol"
}

resource "aws_iam_user_login_profile" "carol" {
  user = aws_iam_user.carol.name
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops"
  group = aws_iam_group.ops.name
  users = [aws_iam_user.carol.name]
}

data "aws_iam_policy_document" "mfa" {
  statement {
    sid         = "DenyWithoutMFA"
    effect      = "Deny"
    not_actions = ["iam:*MFADevice*", "iam:GetUser", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_group_policy" "mfa" {
  name   = "mfa"
  group  = aws_iam_group.ops.name
  policy = data.aws_iam_policy_document.mfa.json
}
