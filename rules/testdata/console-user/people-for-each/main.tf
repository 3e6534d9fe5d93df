variable "people" {
  type    = set(string)
  default = ["ana", "ben"]
}

resource "aws_iam_user" "people" {
  for_each = var.people
  name     = each.key
}

resource "aws_iam_user_login_profile" "people" { # want "console-user"
  for_each                = aws_iam_user.people
  user                    = each.value.name
  password_length         = 20
  password_reset_required = true
}

# A service user without console access: not reported.
resource "aws_iam_user" "svc" {
  name = "svc-backup"
}
