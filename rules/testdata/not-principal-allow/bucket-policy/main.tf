resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/intern" } # want "not-principal-allow"
      Action       = "s3:GetObject"
      Resource     = "arn:aws:s3:::acme-shared/*"
    }]
  })
}
