# The same partly unknown template with a scoped known statement: no finding.
variable "actions_json" {}

resource "aws_s3_bucket" "b" {}

resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/p.tftpl", { arn = aws_s3_bucket.b.arn, extra = var.actions_json })
}
