variable "admin_policies" {
  type = set(string)
  default = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
  ]
}

resource "aws_iam_group" "platform" {
  name = "platform"
}

resource "aws_iam_group_policy_attachment" "platform" {
  for_each   = var.admin_policies
  group      = aws_iam_group.platform.name
  policy_arn = each.value # want "admin-policy-attached"
}

data "aws_iam_policy" "admin" {
  arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

data "aws_iam_policy" "power" {
  name = "PowerUserAccess"
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy_admin" {
  role       = aws_iam_role.deploy.name
  policy_arn = data.aws_iam_policy.admin.arn # want "admin-policy-attached"
}

resource "aws_iam_role_policy_attachment" "deploy_power" {
  role       = aws_iam_role.deploy.name
  policy_arn = data.aws_iam_policy.power.arn # want "admin-policy-attached"
}

data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "deploy_partition" {
  role       = aws_iam_role.deploy.id
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}
