resource "aws_s3_bucket" "reports" {
  bucket = local.name
}

# Mistake 2: the bucket policy lets everyone on the internet read the reports.
resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "PublicRead",
          "Effect": "Allow",
          "Principal": "*",
          "Action": "s3:GetObject",
          "Resource": "${aws_s3_bucket.reports.arn}/*"
        }
      ]
    }
  EOT
}
