# Denies of part of the service, on part of the resources, or known only
# after apply: every iam/s3 action is still granted somewhere.
resource "aws_iam_policy" "partial" {
  name = "partial"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" }, # want "wildcard-service-action"
      { Effect = "Deny", Action = "iam:Put*", Resource = "*" },
      { Effect = "Allow", Action = "s3:*", Resource = "*" }, # want "wildcard-service-action"
      { Effect = "Deny", Action = "s3:*", Resource = "arn:aws:s3:::audit/*" }
    ]
  })
}

variable "denied_actions" {
  type = list(string)
}

data "aws_iam_policy_document" "unknown" {
  statement {
    actions   = ["sqs:*"] # want "wildcard-service-action"
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = var.denied_actions
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "unknown" {
  role   = "app"
  policy = data.aws_iam_policy_document.unknown.json
}
