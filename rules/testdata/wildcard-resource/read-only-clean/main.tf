resource "aws_iam_policy" "inventory" {
  name = "inventory"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "ec2:Describe*",
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation",
        "rds:DescribeDBInstances",
        "dynamodb:ListTables",
      ]
      Resource = "*"
    }]
  })
}
