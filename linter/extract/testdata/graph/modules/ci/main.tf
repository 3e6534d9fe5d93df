resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "k1" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_access_key" "k2" {
  user    = aws_iam_user.ci.name
  status  = "Inactive"
  pgp_key = "keybase:ci"
}

resource "aws_iam_role" "deploy" {
  name                = "deploy"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
  inline_policy {
    name   = "x"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
  }
}

resource "aws_iam_role_policy_attachment" "ro" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
