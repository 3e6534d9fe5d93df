resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" { # want "console-user"
  user                    = aws_iam_user.alice.name
  password_reset_required = true
}
