# Patterns that cover every action of a service fire (iam:?*, S3*:*
# covers s3, s3express, s3-object-lambda, ...); s3:*Object* and
# iam:*Policy* cover only part of their service.
resource "aws_iam_policy" "patterns" {
  name = "patterns"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:?*", "s3:*Object*", "iam:*Policy*"] # want "wildcard-service-action"
      Resource = "arn:aws:s3:::my-bucket/*"
      }, {
      Effect   = "Allow"
      Action   = "S3*:*" # want "wildcard-service-action"
      Resource = "arn:aws:s3:::my-bucket/*"
    }]
  })
}
