resource "aws_iam_policy" "legacy" {
  name = "legacy"
  # want +6 "not-action-allow"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "NotAction": "s3:DeleteBucket",
        "Resource": "arn:aws:s3:::legacy-*"
      }]
    }
  POLICY
}
