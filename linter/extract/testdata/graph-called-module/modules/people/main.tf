variable "people" {
  type = map(list(string))
}

resource "aws_iam_user" "u" {
  for_each = var.people
  name     = each.key
}

resource "aws_iam_user_login_profile" "u" {
  for_each = var.people
  user     = each.key
}

resource "aws_iam_user_group_membership" "u" {
  for_each = var.people
  user     = aws_iam_user.u[each.key].name
  groups   = each.value
}
