# ssm:GetParameters is denied, ssm:GetParameter and the rest are not; the
# Deny of s3:GetObject holds only under a condition.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ssm:GetParameter*", Resource = "*" }, # want "sensitive-data-access"
      { Effect = "Deny", Action = "ssm:GetParameters", Resource = "*" },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" }, # want "sensitive-data-access"
      {
        Effect    = "Deny"
        Action    = "s3:GetObject"
        Resource  = "*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }
    ]
  })
}

# The Deny covers the secrets of one prefix only; and dynamodb:* keeps Scan
# and Query after a Deny of GetItem and BatchGetItem.
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"] # want "sensitive-data-access"
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["secretsmanager:*"]
    resources = ["arn:aws:secretsmanager:*:*:secret:prod/*"]
  }
  statement {
    actions   = ["dynamodb:*"] # want "sensitive-data-access"
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "app" {
  role   = "app"
  policy = data.aws_iam_policy_document.app.json
}
