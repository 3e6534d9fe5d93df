# A team of people, the way the IAM tutorial sets it up: a "ForceMFA" managed
# policy (the AWS documentation's own text, read with file()) attached to the
# group, members listed with aws_iam_group_membership.
variable "developers" {
  type    = list(string)
  default = ["alice", "bob", "carol"]
}

resource "aws_iam_user" "dev" {
  for_each      = toset(var.developers)
  name          = each.value
  force_destroy = true
}

resource "aws_iam_user_login_profile" "dev" {
  for_each                = aws_iam_user.dev
  user                    = each.value.name
  password_reset_required = true
}

resource "aws_iam_group" "developers" {
  name = "Developers"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers-membership"
  group = aws_iam_group.developers.name
  users = [for u in aws_iam_user.dev : u.name]
}

resource "aws_iam_policy" "force_mfa" {
  name        = "ForceMFA"
  description = "Deny everything but MFA setup until the user signs in with MFA"
  policy      = file("${path.module}/policies/force_mfa.json")
}

resource "aws_iam_group_policy_attachment" "force_mfa" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

resource "aws_iam_group_policy_attachment" "power" {
  group      = aws_iam_group.developers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
