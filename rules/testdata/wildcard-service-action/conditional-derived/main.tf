# Values made from a conditional whose condition has no value (var.admin):
# an attribute or element of it, a function of it, a for expression over
# it, a splat of it, are linted in each branch, as the conditional itself
# is, not left unknown.
variable "admin" {
  type = bool
}

locals {
  cfg     = var.admin ? { actions = ["ec2:*"] } : { actions = ["ec2:DescribeInstances"] } # want "wildcard-service-action"
  actions = var.admin ? ["kms:*"] : ["kms:Decrypt"] # want "wildcard-service-action"
  extra   = var.admin ? [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] : [] # want "wildcard-service-action"
  base    = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
}

resource "aws_iam_policy" "attribute" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.cfg.actions, Resource = "*" }]
  })
}

resource "aws_iam_policy" "element" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.actions[0], Resource = "*" }]
  })
}

resource "aws_iam_policy" "concat" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat(local.base, local.extra) })
}

resource "aws_iam_policy" "merge" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [merge({ Effect = "Allow", Resource = "*" }, var.admin ? { Action = "sqs:*" } : { Action = "sqs:SendMessage" })] # want "wildcard-service-action"
  })
}

data "aws_iam_policy_document" "for" {
  statement {
    actions   = [for a in var.admin ? ["sns:*"] : ["sns:Publish"] : a] # want "wildcard-service-action"
    resources = ["*"]
  }
}

# Every branch gives the same value: the value is known (one instance).
resource "aws_iam_policy" "counted" {
  count  = length(var.admin ? ["a"] : ["b"])
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "glue:*", Resource = "*" }] }) # want "wildcard-service-action"
}

locals {
  grants = var.admin ? [{ action = "ssm:*" }] : [{ action = "ssm:GetParameter" }] # want "wildcard-service-action"
}

resource "aws_iam_policy" "splat" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.grants[*].action, Resource = "*" }] })
}
