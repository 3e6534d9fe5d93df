variable "path" {
  type = string
}

resource "aws_iam_policy" "p" {
  policy = file(var.path)
}
