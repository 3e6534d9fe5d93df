# Two groups; only "staff" carries the force-MFA policy (attached with
# aws_iam_policy_attachment). Members of "contractors" only, and people in
# no group at all, can sign in without MFA.
resource "aws_iam_group" "staff" {
  name = "staff"
}

resource "aws_iam_group" "contractors" {
  name = "contractors"
}

resource "aws_iam_policy" "require_mfa" {
  name = "RequireMFA"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyAllExceptListedIfNoMFA"
      Effect    = "Deny"
      NotAction = ["iam:*MFADevice*", "iam:GetUser", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_policy_attachment" "require_mfa" {
  name       = "require-mfa"
  groups     = [aws_iam_group.staff.name]
  policy_arn = aws_iam_policy.require_mfa.arn
}

resource "aws_iam_user" "u" {
  for_each = toset(["dana", "eli", "fay", "gus"])
  name     = each.key
}

resource "aws_iam_user_login_profile" "dana" {
  user = aws_iam_user.u["dana"].name
}

resource "aws_iam_user_login_profile" "eli" { # want "mfa-not-enforced"
  user = aws_iam_user.u["eli"].name
}

resource "aws_iam_user_login_profile" "fay" {
  user = aws_iam_user.u["fay"].name
}

resource "aws_iam_user_login_profile" "gus" { # want "mfa-not-enforced"
  user = aws_iam_user.u["gus"].name
}

resource "aws_iam_group_membership" "staff" {
  name  = "staff"
  group = aws_iam_group.staff.name
  users = [aws_iam_user.u["dana"].name]
}

resource "aws_iam_group_membership" "contractors" {
  name  = "contractors"
  group = aws_iam_group.contractors.name
  users = [aws_iam_user.u["eli"].name, aws_iam_user.u["fay"].name]
}

resource "aws_iam_user_group_membership" "fay" {
  user   = aws_iam_user.u["fay"].name
  groups = [aws_iam_group.staff.name, aws_iam_group.contractors.name]
}
