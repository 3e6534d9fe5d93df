locals {
  admin_actions = ["*"] # want "wildcard-action"
  read_actions  = ["s3:GetObject", "s3:ListBucket"]
}

resource "aws_iam_policy" "admin" {
  name = "platform-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = local.admin_actions
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = local.read_actions
        Resource = "arn:aws:s3:::platform-data/*"
      },
    ]
  })
}
