# A home-made "require MFA" guard with Bool instead of BoolIfExists: requests
# signed with access keys have no aws:MultiFactorAuthPresent and slip through.
data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid         = "DenyAllExceptListedIfNoMFA"
    effect      = "Deny"
    not_actions = ["iam:*MFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "Bool" # want "mfa-condition-ineffective"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "require_mfa" {
  name   = "RequireMFA"
  policy = data.aws_iam_policy_document.require_mfa.json
}

# Allowing sessions without MFA.
resource "aws_iam_policy" "no_mfa_readonly" {
  name = "no-mfa-readonly" # want +10 "mfa-condition-ineffective"
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::reports/*",
          "Condition": {
            "Bool": {"aws:MultiFactorAuthPresent": "false"}
          }
        }
      ]
    }
  EOF
}
