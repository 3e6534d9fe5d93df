# Partly unknown, and what is known grants nothing to everyone: no finding.
variable "reader_arn" {}
variable "actions_json" {}

resource "aws_s3_bucket" "b" {}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Reader",
          "Effect": "Allow",
          "Principal": {"AWS": "${var.reader_arn}"},
          "Action": ${var.actions_json},
          "Resource": "${aws_s3_bucket.b.arn}/*"
        },
        {
          "Sid": "Public",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "s3:GetObject",
          "Resource": "${aws_s3_bucket.b.arn}/public/*"
        }
      ]
    }
  POLICY
}
