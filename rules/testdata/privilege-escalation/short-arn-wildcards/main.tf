# ARNs cut short by a wildcard: the last field's "*" swallows the fields
# that are missing, so "arn:aws:*" is every resource and "arn:aws:iam::*"
# every IAM resource of every account. An s3 ARN cut the same way reaches
# no IAM action.
resource "aws_iam_policy" "partition" {
  name = "partition"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:CreateAccessKey" # want "privilege-escalation"
      Resource = "arn:aws:*"
    }]
  })
}

resource "aws_iam_policy" "iam_service" {
  name = "iam-service"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:AttachRolePolicy"] # want "privilege-escalation"
      Resource = "arn:aws:iam::*"
    }]
  })
}

resource "aws_iam_policy" "s3_only" {
  name = "s3-only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:CreateAccessKey"
      Resource = "arn:aws:s3::*"
    }]
  })
}
