resource "aws_iam_role" "lambda" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
      Condition = {
        Bool = { "aws:MultiFactorAuthPresent" = "true" } # want "mfa-condition-ineffective"
      }
    }]
  })
}
