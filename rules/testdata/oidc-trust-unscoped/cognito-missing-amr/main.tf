resource "aws_iam_role" "cognito_aud_only" {
  name = "cognito-aud-only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" } # want "oidc-trust-unscoped"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "cognito-identity.amazonaws.com:aud" = "us-east-1:12345678-abcd-abcd-abcd-123456789012" }
      }
    }]
  })
}

resource "aws_iam_role" "cognito_none" {
  name = "cognito-none"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" } # want "oidc-trust-unscoped"
      Action    = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
    }]
  })
}
