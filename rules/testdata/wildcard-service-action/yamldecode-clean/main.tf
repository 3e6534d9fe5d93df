# The same YAML policies, scoped: no finding.
locals {
  policies = yamldecode(file("${path.module}/policies.yaml"))
}

resource "aws_iam_policy" "team" {
  for_each = local.policies
  name     = each.key
  policy   = jsonencode(each.value)
}
