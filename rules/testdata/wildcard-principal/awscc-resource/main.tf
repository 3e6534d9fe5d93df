# The resource policies of the awscc provider's S3 bucket policy and KMS
# key, open to every principal: each is reported (they were not read).
locals {
  open = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" # want "wildcard-principal" "wildcard-principal"
      Action    = ["s3:GetObject", "kms:Decrypt"]
      Resource  = "*"
    }]
  })
}

resource "awscc_s3_bucket_policy" "b" {
  bucket          = "b"
  policy_document = local.open
}

resource "awscc_kms_key" "k" {
  key_policy = local.open
}
