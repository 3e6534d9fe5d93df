# Deny with Bool (not BoolIfExists) is no guard: keys slip through.
resource "aws_iam_user" "frank" {
  name = "frank"
}

resource "aws_iam_user_login_profile" "frank" { # want "mfa-not-enforced"
  user = aws_iam_user.frank.name
}

resource "aws_iam_user_policy" "frank" {
  user = aws_iam_user.frank.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*"]
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
