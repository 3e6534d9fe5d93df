# Permissions given to people one by one.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "alice_ro" { # want "user-direct-policy"
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy" "alice_s3" { # want "user-direct-policy"
  name = "s3-reports"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

resource "aws_iam_policy" "billing" {
  name = "billing"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "aws-portal:ViewBilling", Resource = "*" }]
  })
}

resource "aws_iam_group" "finance" {
  name = "finance"
}

resource "aws_iam_policy_attachment" "billing" {
  name       = "billing"
  users      = [aws_iam_user.alice.name, "external-auditor"] # want "user-direct-policy" "user-direct-policy"
  groups     = [aws_iam_group.finance.name]
  policy_arn = aws_iam_policy.billing.arn
}

# A user created elsewhere, by literal name.
resource "aws_iam_user_policy_attachment" "old_admin" { # want "user-direct-policy"
  user       = "old-admin"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
