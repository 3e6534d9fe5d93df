resource "aws_iam_role" "lambda" {
  name = "ingest"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "lambda" {
  name = "ingest"
  role = aws_iam_role.lambda.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "s3:*", # want "wildcard-service-action"
          "sqs:ReceiveMessage",
          "DynamoDB:*", # want "wildcard-service-action"
        ]
        Resource = "*"
      },
    ]
  })
}
