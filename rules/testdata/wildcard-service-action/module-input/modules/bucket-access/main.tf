variable "bucket_arn" {
  type = string
}

variable "actions" {
  type    = list(string)
  default = ["s3:GetObject"]
}

variable "policy_name" {
  type = string
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = var.actions
    resources = [var.bucket_arn, "${var.bucket_arn}/*"]
  }
}

resource "aws_iam_policy" "this" {
  name   = var.policy_name
  policy = data.aws_iam_policy_document.this.json
}
