# try() returns its first argument that evaluates without error; a finding
# points at the element where that argument's value was written: the
# variable's default, the local, the module caller's list, or the fallback.
variable "cfg" {
  default = { actions = ["s3:*"] } # want "wildcard-service-action"
}

locals {
  extra = ["iam:*"] # want "wildcard-service-action"
}

resource "aws_iam_policy" "from_variable" {
  name = "from-variable"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = try(var.cfg.actions, ["ec2:*"]), Resource = "*" }]
  })
}

resource "aws_iam_policy" "from_local" {
  name = "from-local"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = try(var.cfg.missing, local.extra), Resource = "*" }]
  })
}

resource "aws_iam_policy" "from_fallback" {
  name = "from-fallback"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = try(var.cfg.missing, var.cfg.actions[5],
      ["kms:*"]) # want "wildcard-service-action"
      Resource = "*"
    }]
  })
}

module "svc" {
  source = "./modules/svc"
  statements = {
    read = { actions = ["dynamodb:*"] } # want "wildcard-service-action"
  }
}
