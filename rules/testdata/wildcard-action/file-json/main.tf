resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy" "admins" {
  name   = "admins"
  group  = aws_iam_group.admins.name
  policy = file("${path.module}/policies/admin.json")
}
