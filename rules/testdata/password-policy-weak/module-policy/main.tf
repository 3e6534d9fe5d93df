module "account" {
  source     = "./modules/account"
  min_length = 12
  max_age    = 365
}
