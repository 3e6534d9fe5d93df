# Conditions that differ (var.read_only, var.scoped) are picked apart: all
# four combinations are linted. So are those of one text that refers to a
# for expression's symbol, whose value differs from one element to the
# next: Allow s3:GetObject (flags["x"]) with Deny s3:ListAllMyBuckets
# (flags["y"] false) is one of them.
variable "read_only" {
  type = bool
}
variable "scoped" {
  type = bool
}
variable "flags" {
  type = map(bool)
}

resource "aws_iam_policy" "two_conditions" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.read_only ? "s3:ListAllMyBuckets" : "s3:GetObject" # want "sensitive-data-access"
      Resource = var.scoped ? "arn:aws:s3:::b/*" : "*"
    }]
  })
}

resource "aws_iam_policy" "per_element" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for b in ["x", "y"] : {
      Effect   = b == "x" ? "Allow" : "Deny"
      Action   = var.flags[b] ? "s3:GetObject" : "s3:ListAllMyBuckets" # want "sensitive-data-access"
      Resource = "*"
    }]
  })
}
