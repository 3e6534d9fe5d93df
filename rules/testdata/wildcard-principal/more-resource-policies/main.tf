# Resource policies in IAM policy syntax of the resource types added to the
# table (an SSM resource policy, a CloudSearch domain's access policy, a
# CloudWatch Logs delivery destination's policy, an S3 Vectors bucket's
# policy): open to every principal, each is reported. They were not read at
# all: no finding, no notice.
locals {
  open = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" # want "wildcard-principal" "wildcard-principal" "wildcard-principal" "wildcard-principal"
      Action    = "*"
      Resource  = "*"
    }]
  })
}

resource "aws_ssm_resource_policy" "p" {
  resource_arn = "arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default"
  policy       = local.open
}

resource "aws_cloudsearch_domain_service_access_policy" "p" {
  domain_name   = "d"
  access_policy = local.open
}

resource "aws_cloudwatch_log_delivery_destination_policy" "p" {
  delivery_destination_name   = "d"
  delivery_destination_policy = local.open
}

resource "aws_s3vectors_vector_bucket_policy" "p" {
  vector_bucket_arn = "arn:aws:s3vectors:us-east-1:123456789012:bucket/b"
  policy            = local.open
}
