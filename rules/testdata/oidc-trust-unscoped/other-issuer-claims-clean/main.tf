# Conditions on claims of another identity provider: a token of the trusted
# provider never carries them, so nobody can assume these roles (a broken
# trust, not an open one). After checkov's GithubActionsOIDCTrustPolicy plan.
data "aws_iam_policy_document" "cognito_google_keys" {
  for_each = toset(["p1", "p2"])
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "accounts.google.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "accounts.google.com:sub"
      values   = ["system:serviceaccount:${each.key}:default"]
    }
  }
}

resource "aws_iam_role" "cognito_google_keys" {
  for_each           = toset(["p1", "p2"])
  name               = "r-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.cognito_google_keys[each.key].json
}
