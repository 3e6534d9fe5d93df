resource "aws_s3_bucket" "secrets" {
  bucket = "acme-secrets"
}

data "aws_iam_policy_document" "analyst" {
  statement {
    actions       = ["s3:GetObject"]
    not_resources = ["${aws_s3_bucket.secrets.arn}/*"] # want "not-resource-allow"
  }
}

resource "aws_iam_policy" "analyst" {
  name   = "analyst"
  policy = data.aws_iam_policy_document.analyst.json
}
