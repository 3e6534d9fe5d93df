# tolist(null) is null (an optional list left unset). It stopped the whole
# module's evaluation ("value is null"): none of its policies was linted.
variable "extra_actions" {
  type    = set(string)
  default = null
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = concat(["ecr:*"], coalesce(tolist(var.extra_actions), [])), Resource = "*" }] # want "wildcard-service-action"
  })
}
