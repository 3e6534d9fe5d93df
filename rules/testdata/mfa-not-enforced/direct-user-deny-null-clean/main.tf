resource "aws_iam_user" "gina" {
  name = "gina"
}

resource "aws_iam_user_login_profile" "gina" {
  user = aws_iam_user.gina.name
}

resource "aws_iam_user_policy_attachment" "guard" {
  user       = aws_iam_user.gina.name
  policy_arn = aws_iam_policy.guard.arn
}

resource "aws_iam_policy" "guard" {
  name = "guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { Null = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# A login profile for a user managed elsewhere: its policies cannot be seen.
resource "aws_iam_user_login_profile" "external" {
  user = "someone-else"
}
