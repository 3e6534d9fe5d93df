# Everyone may read, and everyone is denied the same reads on the same
# objects, unconditionally: the bucket is not public.
resource "aws_s3_bucket_policy" "closed" {
  bucket = "closed"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::closed/*"
      },
      {
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::closed/*"
      }
    ]
  })
}
