# iam:Put* is denied, the other IAM writes are not.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" }, # want "wildcard-resource"
      { Effect = "Deny", Action = "iam:Put*", Resource = "*" }
    ]
  })
}

# Deleting objects is denied; writing them is not.
data "aws_iam_policy_document" "writer" {
  statement {
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["*"] # want "wildcard-resource"
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:Delete*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "writer" {
  role   = "writer"
  policy = data.aws_iam_policy_document.writer.json
}
