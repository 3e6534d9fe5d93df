# admin has no value: try() over the conditional's value is linted in each
# branch, as the conditional itself is.
variable "admin" {
  type = bool
}

locals {
  cfg = var.admin ? { actions = ["*"] } : { actions = ["s3:GetObject"] } # want "wildcard-action"
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = try(local.cfg.actions, ["s3:ListBucket"])
      Resource = "*"
    }]
  })
}
