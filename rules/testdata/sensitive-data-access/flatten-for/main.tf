# Statements built by for expressions, flattened: the finding points at the
# action written in the for expression, not at flatten().
variable "access" {
  type = map(object({
    buckets = list(string)
    write   = optional(bool, false)
  }))
  default = {
    analytics = { buckets = ["raw", "curated"], write = true }
    audit     = { buckets = ["*"] }
  }
}

locals {
  grants = flatten([
    for team, cfg in var.access : [
      for b in cfg.buckets : {
        sid     = "${replace(title(team), "-", "")}${b == "*" ? "All" : title(b)}"
        actions = cfg.write ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"] # want "sensitive-data-access"
        arn     = b == "*" ? "*" : "arn:aws:s3:::${b}/*"
      }
    ]
  ])
}

resource "aws_iam_policy" "s3" {
  name = "s3-access"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for g in local.grants : {
      Sid      = g.sid
      Effect   = "Allow"
      Action   = g.actions
      Resource = g.arn
    } if length(g.actions) > 0]
  })
}
