variable "environment" {
  type    = string
  default = "prod"
}

resource "aws_iam_policy" "app" {
  name = "app-${var.environment}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.environment == "sandbox" ? "*" : "dynamodb:GetItem"
      Resource = "*"
    }]
  })
}
