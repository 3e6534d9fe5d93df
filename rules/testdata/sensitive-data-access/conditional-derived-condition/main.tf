# tier has no value: local.cfg is either object. The condition
# local.cfg.admin is one of its attributes, so the statement takes the
# Action and the Resource of the same object: s3:GetObject on "*" when
# admin.
variable "tier" {
  type = string
}

locals {
  cfg = var.tier == "admin" ? { admin = true, res = "*" } : { admin = false, res = "arn:aws:s3:::b/*" }
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = local.cfg.admin ? "s3:GetObject" : "s3:ListAllMyBuckets" # want "sensitive-data-access"
      Resource = local.cfg.res
    }]
  })
}
