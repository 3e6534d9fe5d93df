data "aws_partition" "current" {}

data "aws_iam_policy" "iam_full" {
  name = "IAMFullAccess"
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess", # want "admin-policy-attached"
  ]
}

resource "aws_iam_role_policy_attachment" "iam" {
  role       = aws_iam_role.ops.name
  policy_arn = data.aws_iam_policy.iam_full.arn # want "admin-policy-attached"
}

resource "aws_iam_policy_attachment" "org" {
  name       = "org"
  users      = ["root-automation"]
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSOrganizationsFullAccess" # want "admin-policy-attached"
}

resource "aws_ssoadmin_managed_policy_attachment" "admin" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}
