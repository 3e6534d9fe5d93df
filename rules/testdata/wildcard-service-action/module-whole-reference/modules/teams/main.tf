variable "teams" {
  type = map(list(string))
}

module "team" {
  source   = "../team"
  for_each = var.teams
  actions  = each.value
}

module "counted" {
  source  = "../team"
  count   = 1
  actions = ["ssm:*"] # want "wildcard-service-action"
}

# The module calls as a whole (not one instance): their outputs keep where
# their values were written.
output "docs" {
  value = { for k, m in module.team : k => m.doc }
}

output "first" {
  value = values(module.team)[0].doc
}

output "counted" {
  value = module.counted[*].doc
}
