# A template whose variables are known only after apply, one of them written
# outside a JSON string: the known statement is still linted.
variable "actions_json" {}

resource "aws_s3_bucket" "b" {}

resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/p.tftpl", { arn = aws_s3_bucket.b.arn, extra = var.actions_json })
}
