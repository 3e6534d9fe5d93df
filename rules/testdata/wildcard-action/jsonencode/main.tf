resource "aws_iam_policy" "admin" {
  name        = "break-glass-admin"
  description = "Emergency access"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "*" # want "wildcard-action"
        Resource = "*"
      },
    ]
  })
}
