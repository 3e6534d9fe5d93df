# The same template with scoped actions: no finding.
locals {
  buckets = ["logs", "data"]
}

resource "aws_iam_policy" "buckets" {
  name = "buckets"
  policy = templatefile("${path.module}/buckets.json.tftpl", {
    buckets = local.buckets
    actions = ["s3:GetObject", "s3:PutObject"]
  })
}
