# admin has no value, but both branches of cfg have actions: can() is true
# in each, so the "*" is never granted.
variable "admin" {
  type = bool
}

locals {
  cfg = var.admin ? { actions = ["s3:GetObject"] } : { actions = ["s3:ListBucket"] }
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = can(local.cfg.actions) ? local.cfg.actions : ["*"]
      Resource = "arn:aws:s3:::reports/*"
    }]
  })
}
