# IAM does not trim a Resource: " *" is not every role (policy-invalid
# reports it; AWS rejects the policy).
resource "aws_iam_policy" "spaced" {
  name = "spaced"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = [" *", "arn:aws:iam::*:role/* "]
    }]
  })
}
