# A value from a local is reported where its text is (once per role using it).
locals {
  github_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" # want "oidc-trust-unscoped" "oidc-trust-unscoped"
}

# Subject "*": every repository on GitHub.
resource "aws_iam_role" "star" {
  name = "gha-star"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "*" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

# Only the audience is pinned: every repository on GitHub.
resource "aws_iam_role" "aud_only" {
  name = "gha-aud-only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
      }
    }]
  })
}

# No condition at all.
resource "aws_iam_role" "none" {
  name = "gha-none"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }]
  })
}

# repo:* is every repository too.
resource "aws_iam_role" "any_repo" {
  name = "gha-any-repo"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "token.actions.githubusercontent.com:sub" = ["repo:*"] # want "oidc-trust-unscoped"
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
