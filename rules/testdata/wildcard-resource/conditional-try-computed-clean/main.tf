# blue has no value: the arn of either role is computed (unknown before
# apply), never refused, so try() does not take its "*".
variable "blue" {
  type = bool
}

resource "aws_iam_role" "blue" {
  name               = "blue"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "green" {
  name               = "green"
  assume_role_policy = "{}"
}

resource "aws_iam_policy" "pass" {
  name = "pass"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = try((var.blue ? aws_iam_role.blue : aws_iam_role.green).arn, "*")
    }]
  })
}
