# People come from a module; the root puts them in a guarded group.
module "people" {
  source = "./modules/users"
  names  = ["amy", "raj"]
}

resource "aws_iam_group" "people" {
  name = "people"
}

resource "aws_iam_group_membership" "people" {
  name  = "people"
  group = aws_iam_group.people.name
  users = module.people.names
}

data "aws_iam_policy_document" "force_mfa" {
  statement {
    sid         = "DenyAllExceptListedIfNoMFA"
    effect      = "Deny"
    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "force_mfa" {
  name   = "ForceMFA"
  policy = data.aws_iam_policy_document.force_mfa.json
}

resource "aws_iam_group_policy_attachment" "force_mfa" {
  group      = aws_iam_group.people.name
  policy_arn = aws_iam_policy.force_mfa.arn
}
