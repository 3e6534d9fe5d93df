variable "queue_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "producer" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = var.queue_arns
  }
}

resource "aws_iam_policy" "producer" {
  name   = "producer"
  policy = data.aws_iam_policy_document.producer.json
}
