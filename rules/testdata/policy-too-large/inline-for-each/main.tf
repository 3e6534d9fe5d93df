# Three aws_iam_role_policy instances (for_each) of about 3,800 characters
# each on one role: each is fine alone, together they pass the role's
# 10,240-character quota for inline policies. The second role holds two.
locals {
  teams = { for i in range(3) : "team${i}" => [for j in range(80) : "arn:aws:s3:::team-${i}-data-bucket-number-${j}/*"] }
}

resource "aws_iam_role" "etl" { # want "policy-too-large"
  name = "etl"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "glue.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "data" {
  for_each = local.teams
  name     = each.key
  role     = aws_iam_role.etl.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = each.value }]
  })
}

resource "aws_iam_role" "small" {
  name = "small"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "glue.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "small_a" {
  role = aws_iam_role.small.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.teams["team0"] }]
  })
}

resource "aws_iam_role_policy" "small_b" {
  role = aws_iam_role.small.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.teams["team1"] }]
  })
}
