variable "extra_actions" {
  type = list(string)
}

resource "aws_iam_policy" "extra" {
  name = "extra"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.extra_actions
      Resource = "*"
    }]
  })
}
