# The issuer is known only after apply, so the condition key
# "${var.issuer}:sub" is too: the rest of the policy is still linted, and the
# key is known to be the subject claim.
variable "issuer" {
  type = string
}

variable "provider_arn" {
  type = string
}

resource "aws_iam_role" "jsonencode_open" {
  name = "jsonencode-open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = var.provider_arn }
      Condition = {
        StringLike = { "${var.issuer}:sub" = "repo:*" } # want "oidc-trust-unscoped"
      }
    }]
  })
}

resource "aws_iam_role" "jsonencode_pinned" {
  name = "jsonencode-pinned"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = var.provider_arn }
      Condition = {
        StringEquals = {
          "${var.issuer}:sub" = "repo:acme/app:ref:refs/heads/main"
          "${var.issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role" "heredoc_open" {
  name = "heredoc-open"
  # want +8 "oidc-trust-unscoped"
  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": {"Federated": "${var.provider_arn}"},
        "Condition": {"StringLike": {"${var.issuer}:sub": "repo:*"}}
      }]
    }
  EOT
}

# A statement element whose name is known only after apply could be any
# element: the statement is not judged (no finding, no policy-invalid).
resource "aws_iam_policy" "element_name_unknown" {
  name = "element-name-unknown"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      Action       = "s3:GetObject"
      (var.issuer) = "*"
    }]
  })
}
