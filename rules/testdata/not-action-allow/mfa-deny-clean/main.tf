# The usual MFA guard: Deny with NotAction is fine.
data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid    = "DenyWithoutMFA"
    effect = "Deny"
    not_actions = [
      "iam:ChangePassword",
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
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

resource "aws_iam_policy" "require_mfa" {
  name   = "require-mfa"
  policy = data.aws_iam_policy_document.require_mfa.json
}
