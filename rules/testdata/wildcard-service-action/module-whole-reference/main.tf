# Outputs read from a whole module call (module.team, a map of instances;
# module.one, one instance) point where the values were written, here,
# not at the reference in the module.
module "teams" {
  source = "./modules/teams"
  teams = {
    a = ["s3:GetObject", "lambda:*"] # want "wildcard-service-action" "wildcard-service-action"
  }
}

module "one" {
  source  = "./modules/team"
  actions = ["kms:*"] # want "wildcard-service-action"
}

locals {
  one = module.one
}

resource "aws_iam_policy" "each" {
  for_each = module.teams.docs
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value.actions, Resource = "*" }] })
}

resource "aws_iam_policy" "first" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = module.teams.first.actions, Resource = "*" }] })
}

resource "aws_iam_policy" "counted" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = module.teams.counted[0].actions, Resource = "*" }] })
}

resource "aws_iam_policy" "one" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.one.doc.actions, Resource = "*" }] })
}
