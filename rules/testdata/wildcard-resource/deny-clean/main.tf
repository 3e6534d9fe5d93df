resource "aws_iam_policy" "protect" {
  name = "protect-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["logs:DeleteLogGroup", "logs:DeleteLogStream"]
      Resource = "*"
    }]
  })
}
