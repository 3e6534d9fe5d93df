# s3:PutObject stays granted on every resource but one; and a Deny on every
# S3 resource does not reach the other services' resources NotResource
# grants.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect      = "Allow"
        Action      = ["s3:GetObject", "s3:PutObject"]
        NotResource = "arn:aws:s3:::secret/*" # want "not-resource-allow"
      },
      { Effect = "Deny", Action = "s3:GetObject", Resource = "*" },
      {
        Effect      = "Allow"
        Action      = "*"
        NotResource = "arn:aws:s3:::secret/*" # want "not-resource-allow"
      },
      { Effect = "Deny", Action = "*", Resource = "arn:aws:s3:::*" }
    ]
  })
}
