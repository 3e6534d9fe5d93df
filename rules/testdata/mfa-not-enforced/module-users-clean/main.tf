# Users and their console passwords come from a module; the root puts them in
# a group that holds the force-MFA policy.
module "people" {
  source = "./modules/people"
  names  = ["hana", "ivan"]
}

resource "aws_iam_group" "humans" {
  name = "humans"
}

resource "aws_iam_group_membership" "humans" {
  name  = "humans"
  group = aws_iam_group.humans.name
  users = module.people.names
}

resource "aws_iam_group_policy_attachment" "mfa" {
  group      = aws_iam_group.humans.name
  policy_arn = aws_iam_policy.mfa.arn
}

resource "aws_iam_policy" "mfa" {
  name = "force-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "BlockMostAccessUnlessSignedInWithMFA"
      Effect    = "Deny"
      NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
