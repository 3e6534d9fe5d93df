# Actions that reach the policy through collection functions (tolist(toset()),
# distinct(split()), lookup(), concat()) are reported where they were written.
locals {
  services = {
    api    = { queues = ["orders", "payments"], admin = false }
    worker = { queues = ["jobs"], admin = true }
  }
  kms_actions = split(",", "kms:Decrypt,kms:Encrypt,kms:*") # want "wildcard-service-action"
  extra = {
    api    = "logs:PutLogEvents"
    worker = "cloudwatch:*" # want "wildcard-service-action"
  }
}

module "svc" {
  source   = "./modules/svc"
  for_each = local.services

  name    = each.key
  queues  = each.value.queues
  admin   = each.value.admin
  actions = concat(distinct(local.kms_actions), [lookup(local.extra, each.key, "sts:GetCallerIdentity")])
}
