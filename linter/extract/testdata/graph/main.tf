provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAABCDEFGHIJKLMNOP"
  secret_key = var.secret
}

variable "secret" {
  default = "abcdEFGHijklMNOPqrstUVWXyz0123456789/+ab"
}

variable "unused_key" {
  default = ""
}

resource "aws_iam_user" "dev" {
  for_each = toset(["alice", "bob"])
  name     = each.key
}

resource "aws_iam_group" "devs" {
  name = "developers"
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.dev["alice"].name
  groups = [aws_iam_group.devs.name, "legacy"]
}

resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [for u in aws_iam_user.dev : u.name]
}

resource "aws_iam_policy" "mfa" {
  name   = "force-mfa"
  policy = data.aws_iam_policy_document.mfa.json
}

data "aws_iam_policy_document" "mfa" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_group_policy_attachment" "mfa" {
  group      = aws_iam_group.devs.name
  policy_arn = aws_iam_policy.mfa.arn
}

resource "aws_iam_policy_attachment" "admin" {
  name       = "admin"
  groups     = ["admins"]
  roles      = ["elsewhere-role"]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy" "bob" {
  user   = "bob"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.dev["alice"].name
}

module "ci" {
  source = "./modules/ci"
}

resource "aws_iam_account_password_policy" "p" {
  minimum_password_length = 8
  require_symbols         = true
}
