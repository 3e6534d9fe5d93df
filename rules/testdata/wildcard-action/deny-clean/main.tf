# A guard rail: Deny everything outside the allowed regions.
resource "aws_iam_policy" "region_guard" {
  name = "region-guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyOtherRegions"
      Effect   = "Deny"
      Action   = "*"
      Resource = "*"
      Condition = {
        StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] }
      }
    }]
  })
}

data "aws_iam_policy_document" "deny" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "deny" {
  name   = "deny-without-mfa"
  policy = data.aws_iam_policy_document.deny.json
}
