resource "aws_iam_policy" "power_user" {
  name = "power-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*", "account:*"] # want "not-action-allow"
        Resource  = "*"
      },
    ]
  })
}
