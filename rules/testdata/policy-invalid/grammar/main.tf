resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = file("${path.module}/broken.json")
}

# A resource policy statement without Principal.
resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # want "policy-invalid"
      Effect   = "Allow"
      Action   = "kms:*"
      Resource = "*"
    }]
  })
}
