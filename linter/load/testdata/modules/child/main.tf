variable "action" {
  type = string
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Action = var.action }] })
}

module "g" {
  source = "./grand"
  count  = 1
  in     = var.action
}

output "policy" {
  value = aws_iam_policy.p.policy
}
