# ARNs that name every resource of a type (every secret, table, parameter,
# key, role) reach as far as "*" for the actions that act on that type; an
# S3 ARN has no type head, so one bucket's objects are scoped. A resource-less
# action (secretsmanager:BatchGetSecretValue) is not granted on a typed ARN.
resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:*"] # want "sensitive-data-access"
        Resource = "arn:aws:secretsmanager:*:*:secret:*"
      },
      {
        Effect   = "Allow"
        Action   = ["DynamoDB:scan", "dynamodb:Query"] # want "sensitive-data-access" "sensitive-data-access"
        Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/*"
      },
      {
        Effect   = "Allow"
        Action   = "ssm:GetParametersByPath" # want "sensitive-data-access"
        Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/*"
      },
      {
        Effect   = "Allow"
        Action   = "sts:AssumeRole" # want "sensitive-data-access"
        Resource = "arn:aws:iam::*:role/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = ["arn:aws:s3:::app-data/*", "arn:aws:s3:::app-logs/2026/*"]
      },
      {
        Effect   = "Allow"
        Action   = "ssm:GetParameter"
        Resource = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"
      },
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:s3:::app-data/*"
      },
    ]
  })
}
