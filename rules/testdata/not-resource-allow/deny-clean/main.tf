data "aws_iam_policy_document" "region_lock" {
  statement {
    effect        = "Deny"
    actions       = ["s3:*"]
    not_resources = ["arn:aws:s3:::acme-eu-*", "arn:aws:s3:::acme-eu-*/*"]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-eu-data/*"]
  }
}

resource "aws_iam_policy" "region_lock" {
  name   = "region-lock"
  policy = data.aws_iam_policy_document.region_lock.json
}
