variable "role_name" {
  type    = string
  default = "standalone"
}
variable "queue_arns" {
  type    = list(string)
  default = ["arn:aws:sqs:us-east-1:111122223333:standalone"]
}
variable "actions" {
  type    = list(string)
  default = ["sqs:ReceiveMessage"]
}
variable "extra" {
  type    = list(string)
  default = []
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = tolist(toset(var.actions))
    resources = var.queue_arns
  }
  statement {
    actions   = var.extra
    resources = ["arn:aws:kms:us-east-1:111122223333:key/k"]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = format("%s-sqs", var.role_name)
  role   = var.role_name
  policy = data.aws_iam_policy_document.this.json
}
