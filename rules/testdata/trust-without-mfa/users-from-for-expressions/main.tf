# Users of this configuration trusted through a for expression, a splat over
# values() and a count group: each is a user, as a direct reference would be.
resource "aws_iam_user" "people" {
  for_each = toset(["alice", "bob"])
  name     = each.key
}

resource "aws_iam_user" "oncall" {
  count = 2
  name  = "oncall-${count.index}"
}

resource "aws_iam_role" "for_expression" {
  name = "for-expression"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = [for u in aws_iam_user.people : u.arn] } # want "trust-without-mfa"
    }]
  })
}

resource "aws_iam_role" "values_splat" {
  name = "values-splat"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = values(aws_iam_user.people)[*].arn } # want "trust-without-mfa"
    }]
  })
}

data "aws_iam_policy_document" "oncall" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = aws_iam_user.oncall[*].arn # want "trust-without-mfa"
    }
  }
}

resource "aws_iam_role" "oncall" {
  name               = "oncall"
  assume_role_policy = data.aws_iam_policy_document.oncall.json
}

# With the MFA condition, nothing to report.
resource "aws_iam_role" "with_mfa" {
  name = "with-mfa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = [for u in aws_iam_user.people : u.arn] }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
