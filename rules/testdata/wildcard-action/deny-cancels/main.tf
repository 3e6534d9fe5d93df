# Allow "*" and an unconditional Deny "*" on "*" in the same policy: the
# policy grants nothing (an explicit Deny always wins).
resource "aws_iam_policy" "nothing" {
  name = "nothing"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*" }
    ]
  })
}

data "aws_iam_policy_document" "nothing" {
  statement {
    actions   = ["*:*"]
    resources = ["arn:aws:s3:::b/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "nothing" {
  role   = "app"
  policy = data.aws_iam_policy_document.nothing.json
}
