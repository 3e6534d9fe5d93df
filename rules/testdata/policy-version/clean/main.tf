# Version 2012-10-17, the aws_iam_policy_document default, a Lambda permission
# (no policy text) and a version known only after apply.
variable "version" {
  type = string
}

resource "aws_iam_policy" "home" {
  name = "home"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::home/$${aws:username}/*"
    }]
  })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "d" {
  name   = "d"
  policy = data.aws_iam_policy_document.d.json
}

resource "aws_iam_policy" "v" {
  name = "v"
  policy = jsonencode({
    Version = var.version
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::reports/*"
    }]
  })
}

resource "aws_lambda_permission" "p" {
  function_name = "fn"
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:us-east-1:111122223333:rule/x"
}
