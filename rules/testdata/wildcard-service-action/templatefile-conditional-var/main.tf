# A template variable that is a conditional whose condition has no value
# (var.admin): jsonencode(actions) in the template, and a %{ for } directive
# over it, are linted in each branch.
variable "admin" {
  type = bool
}

resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/policy.json.tftpl", {
    actions = var.admin ? ["lambda:*"] : ["lambda:GetFunction"]
  })
}

resource "aws_iam_policy" "for_directive" {
  policy = templatefile("${path.module}/for-directive.json.tftpl", {
    actions = var.admin ? ["s3:GetObject", "ec2:*"] : ["s3:GetObject"]
  })
}
