# CircleCI: the organization ID is the audience, so pinning :aud already
# narrows to one organization (medium), but not to a project.
resource "aws_iam_role" "circleci" {
  name = "circleci-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/oidc.circleci.com/org/4c2b1b4e-7b7a-4e0c-9a4e-0123456789ab" } # want "oidc-trust-unscoped"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "oidc.circleci.com/org/4c2b1b4e-7b7a-4e0c-9a4e-0123456789ab:aud" = "4c2b1b4e-7b7a-4e0c-9a4e-0123456789ab" }
      }
    }]
  })
}
