# Third-party SaaS roles with sts:ExternalId: the documented pattern, clean.
variable "datadog_external_id" {
  type      = string
  sensitive = true
}

data "aws_iam_policy_document" "datadog_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::464622532012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.datadog_external_id]
    }
  }
}

resource "aws_iam_role" "datadog" {
  name               = "DatadogIntegrationRole"
  assume_role_policy = data.aws_iam_policy_document.datadog_assume.json
}

resource "aws_iam_role" "vendor" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "444455556666" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "f3a9c1d2-7b4e-4c1a-9d2e-0a1b2c3d4e5f" } }
    }]
  })
}

# A vendor without the external ID: any principal of their account.
resource "aws_iam_role" "vendor_no_external_id" {
  name = "vendor-no-external-id"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["444455556666"] } # want "trust-without-mfa"
      Action    = "sts:AssumeRole"
    }]
  })
}
