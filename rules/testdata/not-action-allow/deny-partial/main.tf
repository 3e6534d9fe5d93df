# The Deny leaves iam:Get* (it excludes more than the Allow does); a Deny of
# every action on S3 leaves every other resource: both grants stay far
# broader than meant.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = "iam:Get*" # want "not-action-allow"
        Resource  = "*"
      },
      { Effect = "Deny", NotAction = "iam:*", Resource = "*" }
    ]
  })
}

resource "aws_iam_policy" "other_resources" {
  name = "other-resources"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = "iam:*" # want "not-action-allow"
        Resource  = "*"
      },
      { Effect = "Deny", Action = "*", Resource = "arn:aws:s3:::*" }
    ]
  })
}
