# The Deny holds only for plain HTTP requests (a condition), or covers
# other objects: the grant to everyone stays.
resource "aws_s3_bucket_policy" "open" {
  bucket = "open"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*" # want "wildcard-principal"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::open/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::open/*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::open/private/*"
      }
    ]
  })
}
