# The actions granted on every resource but one are denied on every resource.
resource "aws_iam_policy" "nothing" {
  name = "nothing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], NotResource = "arn:aws:s3:::secret/*" },
      { Effect = "Deny", Action = "s3:*Object", Resource = "*" }
    ]
  })
}
