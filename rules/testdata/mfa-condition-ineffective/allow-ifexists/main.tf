resource "aws_iam_policy" "admin_with_mfa" {
  name = "admin-with-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "ec2:*"
        Resource = "*"
        Condition = {
          BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } # want "mfa-condition-ineffective"
        }
      },
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = "*"
        Condition = {
          Bool = { "aws:MultiFactorAuthPresent" = "false" } # want "mfa-condition-ineffective"
        }
      }
    ]
  })
}
