# break_glass has no value: both branches are linted.
variable "break_glass" {
  type = bool
}

resource "aws_iam_policy" "oncall" {
  name = "oncall"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.break_glass ? "*" : "cloudwatch:GetMetricData" # want "wildcard-action"
      Resource = "*"
    }]
  })
}
