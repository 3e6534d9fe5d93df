resource "aws_iam_user" "ci" {
  name = "github-ci"
}

resource "aws_iam_access_key" "ci" { # want "user-access-key"
  user = aws_iam_user.ci.name
}

# The rotated-out key, still present: reported at low.
resource "aws_iam_access_key" "ci_old" { # want "user-access-key"
  user    = aws_iam_user.ci.name
  status  = "Inactive"
  pgp_key = "keybase:ops"
}
