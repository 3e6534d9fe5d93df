variable "vpce_id" {
  type    = string
  default = "vpce-0a1b2c3d4e5f67890"
}

resource "aws_s3_bucket" "internal" {
  bucket = "acme-internal"
}

resource "aws_s3_bucket_policy" "internal" {
  bucket = aws_s3_bucket.internal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "FromOurEndpoint"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.internal.arn}/*"
      Condition = {
        StringEquals = { "aws:SourceVpce" = var.vpce_id }
      }
    }]
  })
}
