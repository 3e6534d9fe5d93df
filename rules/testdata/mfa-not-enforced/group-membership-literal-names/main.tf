# Names written out instead of references, as people often do.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_login_profile" "alice" {
  user = "alice"
}

resource "aws_iam_user_login_profile" "bob" { # want "mfa-not-enforced"
  user = "bob"
}

resource "aws_iam_group" "mfa" {
  name = "mfa-required"
}

resource "aws_iam_group_membership" "mfa" {
  name  = "mfa-required"
  group = "mfa-required"
  users = ["alice"]
}

resource "aws_iam_group_policy" "mfa" {
  name  = "force-mfa"
  group = "mfa-required"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
