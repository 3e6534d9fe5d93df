# A policy written as a template with a %{ for } directive: the loop
# variables (i, b) are the directive's own, not templatefile variables, and
# the finding points at the line of the template that wrote the action.
locals {
  buckets = ["logs", "data"]
}

resource "aws_iam_policy" "buckets" {
  name = "buckets"
  policy = templatefile("${path.module}/buckets.json.tftpl", {
    buckets = local.buckets
    actions = ["s3:GetObject", "s3:*"]
  })
}
