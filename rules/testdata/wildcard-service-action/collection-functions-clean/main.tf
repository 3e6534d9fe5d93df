# The same module tree with scoped actions: no finding.
locals {
  services = {
    api    = { queues = ["orders", "payments"], admin = false }
    worker = { queues = ["jobs"], admin = false }
  }
  kms_actions = split(",", "kms:Decrypt,kms:Encrypt,kms:GenerateDataKey")
  extra = {
    api    = "logs:PutLogEvents"
    worker = "cloudwatch:PutMetricData"
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
