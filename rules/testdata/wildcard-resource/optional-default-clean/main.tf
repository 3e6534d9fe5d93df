variable "teams" {
  type = map(object({
    actions   = list(string)
    resources = optional(list(string), ["arn:aws:ec2:us-east-1:111122223333:instance/*"])
    deny      = optional(bool, false)
  }))
  default = {
    platform = {
      actions = ["ec2:*", "iam:PassRole"]
    }
    analytics = {
      actions   = ["athena:StartQueryExecution"]
      resources = ["arn:aws:athena:us-east-1:111122223333:workgroup/primary"]
    }
  }
}

module "team_role" {
  source   = "./modules/role"
  for_each = var.teams

  name       = each.key
  statements = [{
    sid       = "Team${title(each.key)}"
    actions   = each.value.actions
    resources = each.value.resources
  }]
}
