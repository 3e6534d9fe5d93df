resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

data "aws_iam_policy_document" "reports" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.reports.arn}/*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.reports.arn]
  }
}

resource "aws_iam_policy" "reports" {
  name   = "reports"
  policy = data.aws_iam_policy_document.reports.json
}
