# Every action here either accepts only Resource "*" in the catalog
# (kms:CreateKey, organizations:CreateAccount, route53domains:RegisterDomain,
# xray:PutEncryptionConfig, ce:CreateCostCategoryDefinition,
# cloudformation:CreateUploadBucket), is a catalog quirk RULES.md names
# (cloudwatch:PutMetricData), or is a read (sqs:ReceiveMessage,
# cloudtrail:LookupEvents). A typo in a known service is unknown-action's job.
resource "aws_iam_policy" "resourceless" {
  name = "resourceless"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "kms:CreateKey",
        "organizations:CreateAccount",
        "route53domains:RegisterDomain",
        "xray:PutEncryptionConfig",
        "ce:CreateCostCategoryDefinition",
        "cloudformation:CreateUploadBucket",
        "cloudwatch:PutMetricData",
        "sqs:ReceiveMessage",
        "cloudtrail:LookupEvents",
        "s3:PutObjectz",
      ]
      Resource = "*"
    }]
  })
}
