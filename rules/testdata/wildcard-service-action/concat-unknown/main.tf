# Known statements and actions concatenated with lists known only after
# apply: the known part is still linted; the unknown part is never "*".
variable "extra_statements" {
  type = list(any)
}
variable "extra_actions" {
  type = list(string)
}

locals {
  base = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }] # want "wildcard-service-action"
}

resource "aws_iam_policy" "statements" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat(local.base, var.extra_statements) })
}

resource "aws_iam_policy" "actions" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = compact(concat(["s3:*", ""], var.extra_actions)), Resource = "*" }] # want "wildcard-service-action"
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = distinct(concat(["sqs:*"], var.extra_actions)) # want "wildcard-service-action"
    resources = ["*"]
  }
}

# Through a module input of type list(string).
module "m" {
  source  = "./modules/m"
  actions = concat(["kinesis:*"], var.extra_actions) # want "wildcard-service-action"
}
