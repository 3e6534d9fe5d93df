resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:PassRole" # want "passrole-wildcard"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:Pass*"] # want "passrole-wildcard"
        Resource = "arn:aws:iam::*:role/*"
      }
    ]
  })
}

data "aws_iam_policy_document" "ecs" {
  statement {
    actions   = ["iam:PassRole"] # want "passrole-wildcard"
    resources = ["arn:aws:iam::123456789012:role/*"]
  }
}

resource "aws_iam_role_policy" "ecs" {
  role   = "ecs-deployer"
  policy = data.aws_iam_policy_document.ecs.json
}
