# Typos, unknown prefixes and patterns matching nothing: one finding per value.
resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObjects", # want "unknown-action"
        "s3:GetObject",
        "cloudwatchlogs:PutLogEvents", # want "unknown-action"
        "dynamodb:Get*Itemz", # want "unknown-action"
        "GetObject", # want "unknown-action"
      ]
      Resource = "arn:aws:s3:::app-bucket/*"
    }]
  })
}

# A typo in a Deny guards nothing: it is reported too.
data "aws_iam_policy_document" "guard" {
  statement {
    effect    = "Deny"
    actions   = ["iam:DeleteRolePolicys"] # want "unknown-action"
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "guard" {
  role   = "app"
  policy = data.aws_iam_policy_document.guard.json
}
