# Split paths that do not hold: a blanket Deny in a third policy of the role
# takes iam:PassRole away; a user's parts come from a group it is not in; a
# group member whose only other policy is scoped.
resource "aws_iam_role" "ci" {
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

resource "aws_iam_role_policy_attachment" "ec2" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}

resource "aws_iam_role_policy" "guard" {
  role = aws_iam_role.ci.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "iam:Pass*", Resource = "*" }]
  })
}

resource "aws_iam_user" "eve" {
  name = "eve"
}

resource "aws_iam_user_policy" "eve" {
  user = aws_iam_user.eve.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
  })
}

resource "aws_iam_group" "passers" {
  name = "passers"
}

resource "aws_iam_group_policy" "passers" {
  group = aws_iam_group.passers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_group_membership" "passers" {
  name  = "passers"
  group = aws_iam_group.passers.name
  users = [aws_iam_user.bob.name]
}

resource "aws_iam_user_policy" "bob" {
  user = aws_iam_user.bob.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0" }]
  })
}
