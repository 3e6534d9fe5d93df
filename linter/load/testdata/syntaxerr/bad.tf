resource "aws_iam_user" "bad" {
  name = "x"
  this is not hcl
