# A subject whose text before its first wildcard is part of the claim's
# prefix ("rep*" before "repo:") matches every subject, as "repo:*" does;
# one with a wildcard in the owner's name (the GitHub organization or user,
# the Terraform Cloud organization, the gitlab.com group) lets in whoever
# creates an owner of a matching name: anyone can. Both were not reported.
locals {
  gh  = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
  tfc = "arn:aws:iam::123456789012:oidc-provider/app.terraform.io"
  gl  = "arn:aws:iam::123456789012:oidc-provider/gitlab.com"
}

resource "aws_iam_role" "prefix" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.gh }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "rep*" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

resource "aws_iam_role" "owner" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.gh }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme-corp*" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

resource "aws_iam_role" "owner_one_char" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.gh }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme-?orp/infra:ref:refs/heads/main" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

resource "aws_iam_role" "tfc_org" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.tfc }
      Condition = {
        StringEquals = { "app.terraform.io:aud" = "aws.workload.identity" }
        StringLike   = { "app.terraform.io:sub" = "organization:acme*:project:p:workspace:w:run_phase:*" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

resource "aws_iam_role" "gitlab_group" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.gl }
      Condition = {
        StringEquals = { "gitlab.com:aud" = "https://gitlab.com" }
        StringLike   = { "gitlab.com:sub" = "project_path:acme*/infra:ref_type:branch:ref:main" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

# Not reported: the repositories of one owner whose names start with infra,
# and a whole repository (every branch) of a named owner.
resource "aws_iam_role" "repo_prefix_clean" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.gh }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = ["repo:acme-corp/infra*:ref:refs/heads/main", "repo:acme-corp/app:*"] }
      }
    }]
  })
}

resource "aws_iam_role" "tfc_clean" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = local.tfc }
      Condition = {
        StringEquals = { "app.terraform.io:aud" = "aws.workload.identity" }
        StringLike   = { "app.terraform.io:sub" = "organization:acme:project:p:workspace:*:run_phase:*" }
      }
    }]
  })
}
