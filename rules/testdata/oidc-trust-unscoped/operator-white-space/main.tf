# "StringLike " (with a space) is no operator: IAM rejects it, and it does
# not scope the trust to a repository (without the space, this is the
# github-scoped-clean case).
resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_iam_role" "gh" {
  name = "gh-infra"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn } # want "oidc-trust-unscoped"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals  = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        "StringLike " = { "token.actions.githubusercontent.com:sub" = "repo:acme-corp/infra:ref:refs/heads/main" }
      }
    }]
  })
}
