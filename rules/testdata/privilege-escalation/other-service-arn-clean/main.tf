# Every action, or everything but some, on the resources of one bucket: an
# s3 ARN is no IAM user, role or policy and no EC2 instance, so no
# escalation action is granted on an unscoped resource (wildcard-action and
# not-action-allow report these statements).
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "bucket" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"] },
      { Effect = "Allow", NotAction = "s3:DeleteBucket", Resource = "arn:aws:s3:::my-bucket/*" },
    ]
  })
}

resource "aws_iam_role_policy" "table" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/*" }]
  })
}
