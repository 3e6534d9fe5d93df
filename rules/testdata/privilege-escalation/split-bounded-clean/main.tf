# The same split as split-policies, but a permissions boundary (AWS managed
# ReadOnlyAccess) excludes both parts; and a role whose PassRole is scoped to
# one role ARN.
resource "aws_iam_role" "ci" {
  name                 = "ci"
  permissions_boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess"
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

resource "aws_iam_role_policy" "launch" {
  role = aws_iam_role.ci.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
  })
}

resource "aws_iam_role" "scoped" {
  name = "scoped"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "scoped_pass" {
  role = aws_iam_role.scoped.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/app-worker" }]
  })
}

resource "aws_iam_role_policy" "scoped_launch" {
  role = aws_iam_role.scoped.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
  })
}
