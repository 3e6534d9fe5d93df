# Actions in any case, as people type them, expand against the catalog:
# scopable writes fire, resource-less actions and reads do not, and a typo
# of a known service (s3:PutObjects) is unknown-action's finding, not this.
# An ARN of one service only counts for the actions that act on its
# resources (sts:AssumeRole acts on IAM roles).
resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["S3:putobject", "SQS:send*"]
        Resource = "*" # want "wildcard-resource"
      },
      {
        Effect = "Allow"
        Action = [
          "EC2:describeinstances",
          "s3:LISTALLMYBUCKETS",
          "STS:GetCallerIdentity",
          "CloudWatch:PutMetricData",
          "XRay:PutTraceSegments",
          "s3:Get*",
          "s3:PutObjects",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:*:*:*"] # want "wildcard-resource"
      },
      {
        # Every S3 resource: SQS and SNS writes get nothing from it.
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "SNS:Publish"]
        Resource = "arn:aws:s3:::*"
      },
      {
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "s3:ListBucket"]
        Resource = "arn:aws:iam::*:*" # want "wildcard-resource"
      },
    ]
  })
}
