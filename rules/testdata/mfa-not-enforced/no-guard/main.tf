resource "aws_iam_user" "dave" {
  name = "dave"
}

resource "aws_iam_user_login_profile" "dave" { # want "mfa-not-enforced"
  user = aws_iam_user.dave.name
}

resource "aws_iam_group" "devs" {
  name = "devs"
}

resource "aws_iam_user_group_membership" "dave" {
  user   = aws_iam_user.dave.name
  groups = [aws_iam_group.devs.name]
}

resource "aws_iam_group_policy_attachment" "ro" {
  group      = aws_iam_group.devs.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# A user with a password and no policy at all.
resource "aws_iam_user" "erin" {
  name = "erin"
}

resource "aws_iam_user_login_profile" "erin" { # want "mfa-not-enforced"
  user = "erin"
}
