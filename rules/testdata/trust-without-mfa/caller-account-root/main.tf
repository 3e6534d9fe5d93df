data "aws_caller_identity" "current" {}

# "Anyone in this account may assume the admin role": the account ID is known only after apply.
resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" } # want "trust-without-mfa"
    }]
  })
}

variable "trusted_principal" {
  type = string
}

# A principal that is entirely unknown: its form cannot be told.
resource "aws_iam_role" "unknown" {
  name = "unknown"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = var.trusted_principal }
    }]
  })
}
