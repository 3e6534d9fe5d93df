# iam:PassRole in an inline policy, ec2:RunInstances in an attached one: each
# policy alone is harmless, the role holds the whole path.
resource "aws_iam_role" "ci" { # want "privilege-escalation"
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.ci.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_policy" "launch" {
  name = "launch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "launch" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.launch.arn
}

# A user whose group grants iam:PassRole and who is attached
# AmazonEC2FullAccess (AWS managed, from the snapshot: ec2:*).
resource "aws_iam_user" "ops" { # want "privilege-escalation"
  name = "ops"
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops"
  group = aws_iam_group.ops.name
  users = [aws_iam_user.ops.name]
}

resource "aws_iam_group_policy" "pass" {
  group = aws_iam_group.ops.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = "arn:aws:iam::*:role/*" }]
  })
}

resource "aws_iam_user_policy_attachment" "ec2" {
  user       = aws_iam_user.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}
