# Source IP ranges computed with Terraform's CIDR functions are known values:
# cidrsubnet of 0.0.0.0/0 by no bits is every address, so the public
# principal is not narrowed; subnets of a private range are.
locals {
  everyone = cidrsubnet("0.0.0.0/0", 0, 0)
  office   = cidrsubnets("10.20.0.0/16", 8, 8)
}

resource "aws_s3_bucket_policy" "open" {
  bucket = "acme-open"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" # want "wildcard-principal"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-open/*"
      Condition = { IpAddress = { "aws:SourceIp" = local.everyone } }
    }]
  })
}

resource "aws_s3_bucket_policy" "office" {
  bucket = "acme-office"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-office/*"
      Condition = { IpAddress = { "aws:SourceIp" = concat(local.office, [cidrhost("192.168.1.0/24", -2)]) } }
    }]
  })
}
