# Policies kept in YAML and decoded with yamldecode(file(...)): each action is
# reported where the YAML writes it (anchors and aliases included).
locals {
  policies = yamldecode(file("${path.module}/policies.yaml"))
}

resource "aws_iam_policy" "team" {
  for_each = local.policies
  name     = each.key
  policy   = jsonencode(each.value)
}
