# Administrators with console passwords and only AWS managed policies: no
# guard anywhere.
resource "aws_iam_group" "admins" {
  name = "Administrators"
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "admin" {
  for_each = toset(["root-alice", "root-bob"])
  name     = each.key
}

resource "aws_iam_user_group_membership" "admin" {
  for_each = aws_iam_user.admin
  user     = each.value.name
  groups   = [aws_iam_group.admins.name]
}

resource "aws_iam_user_login_profile" "admin" { # want "mfa-not-enforced"
  for_each = aws_iam_user.admin
  user     = each.value.name
}

# A user with an MFA guard written with Bool (not BoolIfExists) has no guard
# against access keys.
resource "aws_iam_user" "carl" {
  name = "carl"
}

resource "aws_iam_user_login_profile" "carl" { # want "mfa-not-enforced"
  user = aws_iam_user.carl.name
}

resource "aws_iam_user_policy" "carl" {
  name = "require-mfa"
  user = aws_iam_user.carl.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
