variable "name" {
  type = string
}

resource "aws_iam_user" "this" {
  name = var.name
}

resource "aws_iam_access_key" "this" { # want "user-access-key"
  user = aws_iam_user.this.name
}

output "access_key_id" {
  value = aws_iam_access_key.this.id
}
