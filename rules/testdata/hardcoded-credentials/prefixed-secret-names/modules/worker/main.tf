variable "aws_key_id" { type = string }
variable "aws_secret" {
  type      = string
  sensitive = true
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = var.aws_key_id
      AWS_SECRET_ACCESS_KEY = var.aws_secret
    }
  }
}
