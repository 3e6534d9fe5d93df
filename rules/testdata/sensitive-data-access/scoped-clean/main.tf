# Scoped sensitive reads, resource-less actions on "*" (ecr:GetAuthorizationToken),
# Deny statements and resource policies are not reported.
resource "aws_iam_policy" "ok" {
  name = "ok"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "secretsmanager:GetSecretValue"]
      Resource = ["arn:aws:s3:::app/*", "arn:aws:secretsmanager:us-east-1:111122223333:secret:app-*"]
      }, {
      Effect   = "Allow"
      Action   = ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity"]
      Resource = "*"
      }, {
      Effect   = "Deny"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/reader" }
      Action    = "s3:GetObject"
      Resource  = "*"
    }]
  })
}
