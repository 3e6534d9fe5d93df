variable "gitlab_url" {
  default = "gitlab.example.com"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "gitlab" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${var.gitlab_url}"] # want "oidc-trust-unscoped"
    }
    condition {
      test     = "StringEquals"
      variable = "${var.gitlab_url}:aud"
      values   = ["https://${var.gitlab_url}"]
    }
  }
}

resource "aws_iam_role" "gitlab_ci" {
  name               = "gitlab-ci"
  assume_role_policy = data.aws_iam_policy_document.gitlab.json
}

# gitlab.com, scoped to a project and branch: clean.
resource "aws_iam_role" "gitlab_com" {
  name = "gitlab-com"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "gitlab.com:aud" = "https://gitlab.com"
          "gitlab.com:sub" = "project_path:acme/infra:ref_type:branch:ref:main"
        }
      }
    }]
  })
}

# gitlab.com with project_path:* : every project.
resource "aws_iam_role" "gitlab_any" {
  name = "gitlab-any"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "gitlab.com:sub" = "project_path:*" # want "oidc-trust-unscoped"
        }
      }
    }]
  })
}
