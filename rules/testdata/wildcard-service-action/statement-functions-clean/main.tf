# The same functions over scoped statements: no finding.
locals {
  statements = {
    read  = { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/*" }
    admin = { Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::b" }
  }
  extra = { Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }
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
