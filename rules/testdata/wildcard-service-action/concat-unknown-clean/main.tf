# The same partly unknown lists with scoped known actions: no finding; an
# unknown list is never taken for "*".
variable "extra_statements" {
  type = list(any)
}
variable "extra_actions" {
  type = list(string)
}

locals {
  base = [{ Effect = "Allow", Action = "ec2:StartInstances", Resource = "*" }]
}

resource "aws_iam_policy" "statements" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat(local.base, var.extra_statements) })
}

resource "aws_iam_policy" "actions" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = compact(concat(["s3:PutObject", ""], var.extra_actions)), Resource = "*" }]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = distinct(concat(["sqs:SendMessage"], var.extra_actions))
    resources = ["*"]
  }
}

module "m" {
  source  = "./modules/m"
  actions = concat(["kinesis:PutRecord"], var.extra_actions)
}
