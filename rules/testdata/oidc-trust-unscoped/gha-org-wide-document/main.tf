data "aws_caller_identity" "current" {}

variable "github_org" {
  default = "acme-corp"
}

data "aws_iam_policy_document" "github_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_org}/*"] # want "oidc-trust-unscoped"
    }
  }
}

resource "aws_iam_role" "org_ci" {
  name               = "org-ci"
  assume_role_policy = data.aws_iam_policy_document.github_assume.json
}
