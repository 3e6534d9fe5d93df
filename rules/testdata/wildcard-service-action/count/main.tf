variable "services" {
  type    = list(string)
  default = ["sns", "kinesis"]
}

resource "aws_iam_policy" "service_admin" {
  count = length(var.services)

  name = "${var.services[count.index]}-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "${var.services[count.index]}:*" # want "wildcard-service-action" "wildcard-service-action"
      Resource = "*"
    }]
  })
}
