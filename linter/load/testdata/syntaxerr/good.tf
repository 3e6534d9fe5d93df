resource "aws_iam_user" "good" {
  name = "ok"
}
