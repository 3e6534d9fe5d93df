resource "aws_iam_role" "tfc" {
  name = "tfc"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/app.terraform.io" } # want "oidc-trust-unscoped"
        Condition = { StringEquals = { "app.terraform.io:aud" = "aws.workload.identity" } }
      },
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/app.terraform.io" }
        Condition = {
          StringEquals = { "app.terraform.io:aud" = "aws.workload.identity" }
          StringLike   = { "app.terraform.io:sub" = "organization:acme:project:infra:workspace:prod:run_phase:*" }
        }
      }
    ]
  })
}
