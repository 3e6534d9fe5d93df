# As conditional-derived-condition, the other way round: s3:GetObject goes
# with the bucket's ARN, s3:ListAllMyBuckets with "*"; never s3:GetObject
# on "*" (the condition !local.cfg.admin and the Resource are of one pick).
variable "tier" {
  type = string
}

locals {
  cfg = var.tier == "admin" ? { admin = true, res = "arn:aws:s3:::b/*" } : { admin = false, res = "*" }
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = !local.cfg.admin ? "s3:ListAllMyBuckets" : "s3:GetObject"
      Resource = local.cfg.res
    }]
  })
}
