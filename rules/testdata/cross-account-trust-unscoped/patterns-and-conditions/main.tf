# sts:* and sts:AssumeRole* grant sts:AssumeRole; any partition; condition
# keys match in any case. Only the statements without a scoping condition fire.
resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = ["arn:aws:iam::111122223333:root"] }, Action = "sts:*" },    # want "cross-account-trust-unscoped"
      { Effect = "Allow", Principal = { AWS = "arn:aws-us-gov:iam::333344445555:root" }, Action = "STS:assumerole*" }, # want "cross-account-trust-unscoped"
      { Effect = "Allow", Principal = { AWS = "777788889999" }, Action = "sts:AssumeRole", Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } } }, # want "cross-account-trust-unscoped"
      { Effect = "Allow", Principal = { AWS = "222233334444" }, Action = ["sts:AssumeRole", "sts:TagSession"], Condition = { StringEquals = { "STS:ExternalID" = "vendor-7f3a" } } },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "sts:AssumeRole", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::444455556666:role/ci-*" } } },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::555566667777:root" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123def4" } } },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::666677778888:root" }, Action = "sts:AssumeRole", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::888899990000:root" }, Action = "sts:TagSession" },
    ]
  })
}
