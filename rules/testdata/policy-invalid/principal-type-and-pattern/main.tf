# Principal types are case-sensitive (AWS, Service, Federated,
# CanonicalUser): {"aws": "*"} is rejected by IAM and S3 ("Invalid principal
# in policy"), as data "aws_iam_policy_document" principals { type = "service" }
# is. A principal is never a pattern: "arn:aws:iam::*:root" or a role name
# with a wildcard is not "every account" but a policy AWS rejects (only "*"
# alone matches everyone; patterns go in a condition on aws:PrincipalArn).
resource "aws_s3_bucket_policy" "lower_type" {
  bucket = "b"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { aws = "*" } # want "policy-invalid"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
    }]
  })
}

resource "aws_iam_role" "any_account_root" {
  name = "any-account-root"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::*:root"] } # want "policy-invalid"
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_sqs_queue_policy" "role_pattern" {
  queue_url = "q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/app-?" } # want "policy-invalid"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:111122223333:q"
    }]
  })
}

data "aws_iam_policy_document" "lower_service" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "service" # want "policy-invalid"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lower_service" {
  name               = "lower-service"
  assume_role_policy = data.aws_iam_policy_document.lower_service.json
}

# Valid: every type as AWS spells it, "*" alone, and the document's type "*".
data "aws_iam_policy_document" "ok" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::ok/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    principals {
      type        = "CanonicalUser"
      identifiers = ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_s3_bucket_policy" "ok" {
  bucket = "ok"
  policy = data.aws_iam_policy_document.ok.json
}

resource "aws_iam_role" "ok" {
  name = "ok"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*", Service = ["ec2.amazonaws.com"], Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}
