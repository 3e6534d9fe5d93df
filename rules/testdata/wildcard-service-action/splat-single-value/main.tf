# A splat over a single value makes it a list of one element (Terraform's
# idiom for a value that may be null: var.x[*]). Over a string it stopped
# the whole module's evaluation ("value is not a collection"): none of its
# policies was linted.
variable "extra_action" {
  type    = string
  default = "sqs:*" # want "wildcard-service-action"
}

variable "none" {
  type    = string
  default = null
}

locals {
  grant = { actions = ["kms:*"] } # want "wildcard-service-action"
}

resource "aws_iam_policy" "string" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = concat(["s3:GetObject"], var.extra_action[*], var.none[*]), Resource = "*" }]
  })
}

resource "aws_iam_policy" "object" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = flatten(local.grant[*].actions), Resource = "*" }]
  })
}

resource "aws_iam_policy" "other" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ecr:*", Resource = "*" }] # want "wildcard-service-action"
  })
}
