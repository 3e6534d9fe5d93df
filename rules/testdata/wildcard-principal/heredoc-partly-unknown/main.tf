# Interpolations that are unknown until apply, some written outside JSON
# strings ("Action": ${var.actions_json}): the policy is still linted for what
# is known, and an unknown part is never taken for "*".
variable "reader_arn" {}
variable "actions_json" {}

resource "aws_s3_bucket" "b" {}

resource "aws_s3_bucket_policy" "b" { # want +16 "wildcard-principal"
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
          "Principal": "*",
          "Action": "s3:GetObject",
          "Resource": "${aws_s3_bucket.b.arn}/public/*"
        }
      ]
    }
  POLICY
}
