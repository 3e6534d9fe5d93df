variable "action" {
  type = string
}

resource "aws_iam_policy" "this" {
  name = "grant"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.action, Resource = "*" }]
  })
}
