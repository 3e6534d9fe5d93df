# IRSA roles whose issuer comes from a module output: provider ARN and claim
# keys are known only after apply; the subjects tell the kind of issuer.
module "cluster" {
  source = "./modules/cluster"
}

data "aws_iam_policy_document" "any_service_account" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [module.cluster.oidc_provider_arn]
    }
    condition {
      test     = "StringLike"
      variable = "${module.cluster.oidc_issuer}:sub"
      values   = ["system:serviceaccount:*"] # want "oidc-trust-unscoped"
    }
    condition {
      test     = "StringEquals"
      variable = "${module.cluster.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "any_service_account" {
  name               = "any-service-account"
  assume_role_policy = data.aws_iam_policy_document.any_service_account.json
}

data "aws_iam_policy_document" "karpenter" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [module.cluster.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.cluster.oidc_issuer}:sub"
      values   = ["system:serviceaccount:karpenter:karpenter"]
    }
    condition {
      test     = "StringEquals"
      variable = "${module.cluster.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "karpenter" {
  name               = "karpenter"
  assume_role_policy = data.aws_iam_policy_document.karpenter.json
}

# A GitHub provider of another stack, read back by variable: the subjects
# still show an org-wide GitHub trust.
variable "github_provider_arn" {
  type = string
}

variable "github_issuer" {
  type = string
}

data "aws_iam_policy_document" "deploy" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.github_provider_arn]
    }
    condition {
      test     = "StringLike"
      variable = "${var.github_issuer}:sub"
      values   = ["repo:acme/*"] # want "oidc-trust-unscoped"
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy.json
}
