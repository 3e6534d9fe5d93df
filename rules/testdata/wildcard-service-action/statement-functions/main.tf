# Whole statements picked or gathered by functions (values(), merge(),
# concat(), lookup() with a null default, coalesce()) are linted and reported
# at the action written in the local.
locals {
  statements = {
    read  = { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/*" }
    admin = { Effect = "Allow", Action = ["s3:*"], Resource = "arn:aws:s3:::b" } # want "wildcard-service-action" "wildcard-service-action"
  }
  extra = { Effect = "Allow", Action = "sqs:*", Resource = "*" } # want "wildcard-service-action" "wildcard-service-action"
}

resource "aws_iam_policy" "gathered" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(values(local.statements), [merge(local.extra, { Sid = "Extra" })])
  })
}

resource "aws_iam_policy" "picked" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [lookup(local.statements, "admin", null), coalesce(null, local.extra)]
  })
}
