data "aws_iam_policy_document" "reader" {
  statement {
    actions = [
      "s3:Get*",
      "s3:List*",
      "s3:*Object*",
      "kms:Decrypt",
    ]
    resources = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}
