# admin, ops and on have no value: the instances of a count or for_each over
# a conditional are those of each branch, each linted as with the condition
# given (each.value, each.key and count.index known).
variable "admin" {
  type = bool
}

variable "ops" {
  type = bool
}

variable "on" {
  type = bool
}

resource "aws_iam_policy" "by_key" {
  for_each = var.admin ? { all = "*" } : { ro = "s3:GetObject" } # want "wildcard-action"
  name     = each.key
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }]
  })
}

# One key in both branches: its each.value is each branch's.
resource "aws_iam_policy" "same_key" {
  for_each = var.ops ? { main = ["s3:GetObject"] } : { main = ["*"] } # want "wildcard-action"
  name     = each.key
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }]
  })
}

locals {
  actions = ["s3:GetObject", "*"] # want "wildcard-action"
}

# count = var.on ? 2 : 0: instances [0] and [1].
resource "aws_iam_policy" "counted" {
  count = var.on ? 2 : 0
  name  = "counted-${count.index}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.actions[count.index], Resource = "*" }]
  })
}

# A module call: its instances alike.
module "grant" {
  source   = "./modules/grant"
  for_each = var.admin ? toset(["*"]) : toset(["s3:GetObject"]) # want "wildcard-action"
  action   = each.value
}
