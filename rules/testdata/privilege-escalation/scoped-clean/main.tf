resource "aws_iam_policy" "self_service" {
  name = "self-service"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:CreateAccessKey", "iam:UpdateLoginProfile", "iam:DeleteAccessKey"]
        Resource = "arn:aws:iam::*:user/$${aws:username}"
      },
      {
        Effect   = "Allow"
        Action   = ["lambda:UpdateFunctionCode"]
        Resource = "arn:aws:lambda:eu-west-1:123456789012:function:my-app"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::123456789012:role/app-runtime"
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:RunInstances", "iam:Get*", "iam:List*"]
        Resource = "*"
      }
    ]
  })
}
