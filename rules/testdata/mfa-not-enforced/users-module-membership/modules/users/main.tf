variable "names" {
  type = list(string)
}

resource "aws_iam_user" "this" {
  for_each = toset(var.names)
  name     = each.value
}

resource "aws_iam_user_login_profile" "this" {
  for_each = aws_iam_user.this
  user     = each.value.name
}

output "names" {
  value = [for u in aws_iam_user.this : u.name]
}
