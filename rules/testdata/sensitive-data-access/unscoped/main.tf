# Cloudsplaining's credentials-exposure and data-exfiltration actions on "*".
resource "aws_iam_policy" "fail" {
  name = "fail"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObject", # want "sensitive-data-access"
        "iam:CreateAccessKey", # want "sensitive-data-access"
        "ssm:GetParameter*", # want "sensitive-data-access"
        "s3:PutObject",
      ]
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "kms:Decrypt"] # want "sensitive-data-access"
    resources = ["arn:aws:secretsmanager:*:*:*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/team"
      values   = ["payments"]
    }
  }
  statement {
    actions   = ["dynamodb:Scan"] # want "sensitive-data-access"
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "secrets" {
  role   = "app"
  policy = data.aws_iam_policy_document.secrets.json
}
