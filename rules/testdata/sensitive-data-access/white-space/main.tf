# IAM compares an action as written: " * " is not "*", and " iam:PassRole"
# names no action: no grant here. unknown-action reports each one.
resource "aws_iam_policy" "spaced" {
  name = "spaced"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        " * ",
        " s3:* ",
        " iam:PassRole",
        "s3:GetObject\t",
        "sts:GetCallerIdentity",
      ]
      Resource = "*"
    }]
  })
}
