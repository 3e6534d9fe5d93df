# A variable set to null overrides its default unless it is nullable = false
# (Terraform 1.1+): "sqs:*" is granted, "sns:*" is not.
variable "queue_actions" {
  type     = list(string)
  default  = ["sqs:*"] # want "wildcard-service-action"
  nullable = false
}

variable "topic_actions" {
  type    = list(string)
  default = ["sns:*"]
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = concat(var.queue_actions, var.topic_actions == null ? [] : var.topic_actions)
      Resource = "arn:aws:sqs:us-east-1:111122223333:q"
    }]
  })
}
