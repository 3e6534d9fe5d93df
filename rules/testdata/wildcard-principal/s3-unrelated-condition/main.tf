resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecure"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-assets", "arn:aws:s3:::acme-assets/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "ReadOverTls"
        Effect    = "Allow"
        Principal = { AWS = "*" } # want "wildcard-principal"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::acme-assets/*"
        Condition = { Bool = { "aws:SecureTransport" = "true" } }
      },
    ]
  })
}
