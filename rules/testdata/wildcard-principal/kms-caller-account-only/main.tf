resource "aws_kms_key" "backup" {
  description = "backup"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountUse"
      Effect    = "Allow"
      Principal = { AWS = "*" } # want "wildcard-principal"
      Action    = ["kms:Decrypt", "kms:DescribeKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "kms:CallerAccount" = "111122223333" }
      }
    }]
  })
}
