module "build_role_policy" {
  source = "./modules/role-policy"

  name    = "build"
  actions = ["*"] # want "wildcard-action"
}

module "read_role_policy" {
  source = "./modules/role-policy"

  name    = "read"
  actions = ["s3:GetObject"]
}
