resource "aws_iam_policy" "writer" {
  name = "report-writer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Write"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:DeleteObject"]
        Resource = "*" # want "wildcard-resource"
      },
      {
        Sid      = "Metrics"
        Effect   = "Allow"
        Action   = "cloudwatch:PutMetricData"
        Resource = "*"
      },
    ]
  })
}
