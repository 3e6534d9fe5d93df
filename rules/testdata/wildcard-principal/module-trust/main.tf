module "vendor_role" {
  source           = "./modules/assumable-role"
  name             = "vendor-readonly"
  trusted_arns     = ["*"] # want "wildcard-principal"
  required_org_ids = []
}

module "org_role" {
  source           = "./modules/assumable-role"
  name             = "org-readonly"
  trusted_arns     = ["*"]
  required_org_ids = ["o-a1b2c3d4e5"]
}
