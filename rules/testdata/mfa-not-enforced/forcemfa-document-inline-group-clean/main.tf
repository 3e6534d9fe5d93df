# The force-MFA guard written as a data "aws_iam_policy_document", put inline
# on the group with aws_iam_group_policy; memberships by literal group name
# in aws_iam_user_group_membership.
resource "aws_iam_group" "engineers" {
  name = "engineers"
}

resource "aws_iam_user" "jane" {
  name = "jane.doe"
}

resource "aws_iam_user_login_profile" "jane" {
  user = aws_iam_user.jane.name
}

resource "aws_iam_user_group_membership" "jane" {
  user   = aws_iam_user.jane.name
  groups = ["engineers"]
}

data "aws_iam_policy_document" "force_mfa" {
  statement {
    sid       = "AllowManageOwnVirtualMFADevice"
    actions   = ["iam:CreateVirtualMFADevice"]
    resources = ["arn:aws:iam::*:mfa/*"]
  }

  statement {
    sid = "AllowManageOwnUserMFA"
    actions = [
      "iam:DeactivateMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }

  statement {
    sid    = "DenyAllExceptListedIfNoMFA"
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]

    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_group_policy" "force_mfa" {
  name   = "ForceMFA"
  group  = aws_iam_group.engineers.id
  policy = data.aws_iam_policy_document.force_mfa.json
}
