module "deployers" {
  source   = "./modules/svc"
  for_each = toset(["build", "release"])
  name     = each.key
}
