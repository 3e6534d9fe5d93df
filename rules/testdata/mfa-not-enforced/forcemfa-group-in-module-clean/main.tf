# The group and its force-MFA policy come from a module; the people are
# declared in the root and join the group through the module output.
module "admins" {
  source = "./modules/groups"
  name   = "admins"
}

locals {
  people = {
    "ana"   = "Ana Lima"
    "bruno" = "Bruno Souza"
  }
}

resource "aws_iam_user" "people" {
  for_each = local.people
  name     = each.key
  tags = {
    DisplayName = each.value
  }
}

resource "aws_iam_user_login_profile" "people" {
  for_each = local.people
  user     = aws_iam_user.people[each.key].name
}

resource "aws_iam_user_group_membership" "people" {
  for_each = local.people
  user     = aws_iam_user.people[each.key].name
  groups   = [module.admins.name]
}
