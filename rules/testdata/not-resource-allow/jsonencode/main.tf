resource "aws_iam_policy" "all_but_audit" {
  name = "all-but-audit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = ["s3:GetObject", "s3:PutObject"]
      NotResource = "arn:aws:s3:::acme-audit/*" # want "not-resource-allow"
    }]
  })
}
