# IAM does not trim a Resource: " *" and "* " are not "*" (policy-invalid
# reports them; AWS rejects the policy), so they grant nothing on every
# resource.
resource "aws_iam_policy" "spaced" {
  name = "spaced"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "iam:CreateUser"]
      Resource = [" *", "* ", " arn:aws:s3:::* "]
    }]
  })
}
