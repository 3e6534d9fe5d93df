# Human users in a group with the AWS documented force-MFA policy
# (IAM User Guide: "allows MFA-authenticated IAM users to manage their own
# credentials"), linked with aws_iam_user_group_membership.
resource "aws_iam_user" "people" {
  for_each = toset(["alice", "bob"])
  name     = each.key
}

resource "aws_iam_user_login_profile" "people" {
  for_each = aws_iam_user.people
  user     = each.value.name
}

resource "aws_iam_group" "humans" {
  name = "humans"
}

resource "aws_iam_user_group_membership" "people" {
  for_each = aws_iam_user.people
  user     = each.value.name
  groups   = [aws_iam_group.humans.name]
}

resource "aws_iam_policy" "force_mfa" {
  name   = "force-mfa"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowViewAccountInfo",
      "Effect": "Allow",
      "Action": ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      "Resource": "*"
    },
    {
      "Sid": "AllowManageOwnVirtualMFADevice",
      "Effect": "Allow",
      "Action": ["iam:CreateVirtualMFADevice"],
      "Resource": "arn:aws:iam::*:mfa/*"
    },
    {
      "Sid": "AllowManageOwnUserMFA",
      "Effect": "Allow",
      "Action": ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
      "Resource": "arn:aws:iam::*:user/$${aws:username}"
    },
    {
      "Sid": "BlockMostAccessUnlessSignedInWithMFA",
      "Effect": "Deny",
      "NotAction": [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken"
      ],
      "Resource": "*",
      "Condition": {
        "BoolIfExists": {
          "aws:MultiFactorAuthPresent": "false"
        }
      }
    }
  ]
}
EOT
}

resource "aws_iam_group_policy_attachment" "force_mfa" {
  group      = aws_iam_group.humans.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

resource "aws_iam_group_policy_attachment" "ro" {
  group      = aws_iam_group.humans.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
