# A condition on sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn scopes
# a cross-account trust only when it lets in just the requests with one of its
# values. StringLike "*", StringNotEquals, ...IfExists and Null = false let
# every principal of the account in, and were taken as scoping by their key
# alone. StringEquals on a value, and an empty ExternalId (no request carries
# it: nobody gets in), still scope.
locals {
  loose = {
    like_any   = { StringLike = { "sts:ExternalId" = "*" } }
    not_equals = { StringNotEquals = { "sts:ExternalId" = "vendor-7f3a" } }
    if_exists  = { StringEqualsIfExists = { "sts:ExternalId" = "vendor-7f3a" } }
    present    = { Null = { "sts:ExternalId" = "false" } }
    any_arn    = { ArnLike = { "aws:PrincipalArn" = "*" } }
    any_org    = { StringEquals = { "aws:PrincipalOrgID" = "*" } }
  }
  tight = {
    external_id = { StringEquals = { "sts:ExternalId" = "vendor-7f3a" } }
    empty_id    = { StringEquals = { "sts:ExternalId" = "" } }
    org         = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    role_arn    = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/deploy-*" } }
  }
}

resource "aws_iam_role" "loose" {
  for_each = local.loose
  name     = "loose-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" } # want "cross-account-trust-unscoped" "cross-account-trust-unscoped" "cross-account-trust-unscoped" "cross-account-trust-unscoped" "cross-account-trust-unscoped" "cross-account-trust-unscoped"
      Condition = each.value
    }]
  })
}

resource "aws_iam_role" "tight" {
  for_each = local.tight
  name     = "tight-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "111122223333" }
      Condition = each.value
    }]
  })
}
