resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_user_group_membership" "bob" {
  user   = aws_iam_user.bob.name
  groups = [aws_iam_group.analysts.name]
}

resource "aws_iam_group_policy_attachment" "ro" {
  group      = aws_iam_group.analysts.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "roles_only" {
  name       = "roles"
  roles      = ["app"]
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
