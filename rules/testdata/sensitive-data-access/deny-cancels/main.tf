# The secrets a service wildcard would expose are all denied by the same
# policy.
resource "aws_iam_policy" "no_secrets" {
  name = "no-secrets"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["secretsmanager:*", "ssm:GetParameter*"], Resource = "*" },
      { Effect = "Deny", Action = ["secretsmanager:Get*", "secretsmanager:BatchGet*", "ssm:*"], Resource = "*" }
    ]
  })
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "reader" {
  role   = "app"
  policy = data.aws_iam_policy_document.reader.json
}
