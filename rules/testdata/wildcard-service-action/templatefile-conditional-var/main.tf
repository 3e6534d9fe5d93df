# A template variable that is a conditional whose condition has no value
# (var.admin): jsonencode(actions) in the template is linted in each branch.
variable "admin" {
  type = bool
}

resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/policy.json.tftpl", {
    actions = var.admin ? ["lambda:*"] : ["lambda:GetFunction"]
  })
}
