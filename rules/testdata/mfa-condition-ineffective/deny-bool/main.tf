resource "aws_iam_policy" "guard" {
  name = "guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*"]
      Resource  = "*"
      Condition = {
        Bool = { "aws:MultiFactorAuthPresent" = "false" } # want "mfa-condition-ineffective"
      }
    }]
  })
}

data "aws_iam_policy_document" "guard2" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:*MFA*"]
    resources   = ["*"]
    condition {
      test     = "Bool" # want "mfa-condition-ineffective"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_group_policy" "g" {
  group  = "humans"
  policy = data.aws_iam_policy_document.guard2.json
}
