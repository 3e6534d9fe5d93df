# The group's policy merges the force-MFA statement from another document
# (source_policy_documents): the policy AWS receives has the guard.
data "aws_iam_policy_document" "force_mfa" {
  statement {
    sid         = "DenyAllExceptListedIfNoMFA"
    effect      = "Deny"
    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "humans" {
  source_policy_documents = [data.aws_iam_policy_document.force_mfa.json]
  statement {
    sid       = "ReadOnly"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_group" "humans" {
  name = "humans"
}

resource "aws_iam_group_policy" "humans" {
  group  = aws_iam_group.humans.name
  policy = data.aws_iam_policy_document.humans.json
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.humans.name]
}
