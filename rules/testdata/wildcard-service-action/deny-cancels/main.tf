# BishopFox iam-vulnerable fp1: Allow iam:* and Deny iam:* on "*" in one
# policy grants nothing.
resource "aws_iam_policy" "fp1" {
  name = "fp1-allow-and-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" }
    ]
  })
}

# A wider Deny (any case) covers the narrower grant, on the granted bucket.
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["S3:*"]
    resources = ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::data*"]
  }
}

resource "aws_iam_role_policy" "s3" {
  role   = "app"
  policy = data.aws_iam_policy_document.s3.json
}
