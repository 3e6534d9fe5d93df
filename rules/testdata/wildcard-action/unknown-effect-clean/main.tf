# The effect is not known before apply: not a grant.
variable "effect" {
  type = string
}

data "aws_iam_policy_document" "toggle" {
  statement {
    effect    = var.effect
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "toggle" {
  name   = "toggle"
  policy = data.aws_iam_policy_document.toggle.json
}
