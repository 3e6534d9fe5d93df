module "ci_user" {
  for_each = toset(["build", "release"])
  source   = "./modules/ci-user"
  name     = "ci-${each.key}"
}
