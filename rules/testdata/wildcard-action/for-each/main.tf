locals {
  team_actions = {
    platform = "*" # want "wildcard-action"
    data     = "athena:StartQueryExecution"
  }
}

resource "aws_iam_policy" "team" {
  for_each = local.team_actions

  name = "team-${each.key}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = each.value
      Resource = "*"
    }]
  })
}
