resource "aws_s3_bucket" "downloads" {
  bucket = "acme-downloads"
}

resource "aws_s3_bucket_policy" "downloads" {
  bucket = aws_s3_bucket.downloads.id
  policy = file("${path.module}/policies/downloads.json")
}
