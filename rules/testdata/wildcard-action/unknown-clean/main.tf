# The action list comes from a parameter: unknown until apply, never "*".
data "aws_ssm_parameter" "actions" {
  name = "/iam/app/actions"
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = split(",", data.aws_ssm_parameter.actions.value)
      Resource = "*"
    }]
  })
}
