# A three-part path (iam:PassRole + lambda:CreateFunction +
# lambda:InvokeFunction) spread over a user's own policy and two groups: one
# with an inline policy, one with an attached customer managed policy.
resource "aws_iam_user" "dev" { # want "privilege-escalation"
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::*:role/*" }]
  })
}

resource "aws_iam_group" "builders" {
  name = "builders"
}

resource "aws_iam_group" "runners" {
  name = "runners"
}

resource "aws_iam_user_group_membership" "dev" {
  user   = aws_iam_user.dev.name
  groups = [aws_iam_group.builders.name, aws_iam_group.runners.name]
}

resource "aws_iam_group_policy" "builders" {
  group = aws_iam_group.builders.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:Create*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "invoke" {
  name = "invoke"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:111122223333:function:*" }]
  })
}

resource "aws_iam_group_policy_attachment" "runners" {
  group      = aws_iam_group.runners.name
  policy_arn = aws_iam_policy.invoke.arn
}

# iam:PassRole inline, cloudformation:CreateStack from the AWS managed
# AWSCloudFormationFullAccess (cloudformation:*), attached through
# managed_policy_arns.
resource "aws_iam_role" "deployer" { # want "privilege-escalation"
  name                = "deployer"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AWSCloudFormationFullAccess"]
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "deployer" {
  role = aws_iam_role.deployer.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*", Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } } }]
  })
}
