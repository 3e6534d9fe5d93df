variable "in" {}

resource "aws_iam_user" "g" {
  name = var.in
}
