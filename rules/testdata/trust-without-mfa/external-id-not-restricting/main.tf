# sts:ExternalId marks the third-party pattern only when the condition
# requires one value: StringLike "*" and StringNotEquals let every principal
# of the account in without MFA, and were taken for the pattern by their key
# alone.
resource "aws_iam_role" "vendor_like_any" {
  name = "vendor-like-any"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" } # want "trust-without-mfa"
      Condition = { StringLike = { "sts:ExternalId" = "*" } }
    }]
  })
}

resource "aws_iam_role" "vendor_not_equals" {
  name = "vendor-not-equals"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" } # want "trust-without-mfa"
      Condition = { StringNotEquals = { "sts:ExternalId" = "vendor-7f3a" } }
    }]
  })
}

resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "vendor-7f3a" } }
    }]
  })
}
