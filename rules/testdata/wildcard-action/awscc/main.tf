# The IAM resources of the AWS Cloud Control provider (awscc) hold JSON
# policy texts like those of the aws provider: an inline policy of a role,
# user or group (policies[*].policy_document), a role, user or group policy
# and a managed policy. Each grant of every action is reported; they were
# not read at all (no finding, no notice).
locals {
  admin = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*" # want "wildcard-action" "wildcard-action" "wildcard-action" "wildcard-action" "wildcard-action" "wildcard-action" "wildcard-action"
      Resource = "*"
    }]
  })
}

resource "awscc_iam_role" "r" {
  role_name                   = "r"
  assume_role_policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  policies                    = [{ policy_name = "p", policy_document = local.admin }]
}

resource "awscc_iam_user" "u" {
  user_name = "u"
  policies  = [{ policy_name = "p", policy_document = local.admin }]
}

resource "awscc_iam_group" "g" {
  group_name = "g"
  policies   = [{ policy_name = "p", policy_document = local.admin }]
}

resource "awscc_iam_role_policy" "p" {
  role_name       = "r"
  policy_name     = "p"
  policy_document = local.admin
}

resource "awscc_iam_user_policy" "p" {
  user_name       = "u"
  policy_name     = "p"
  policy_document = local.admin
}

resource "awscc_iam_group_policy" "p" {
  group_name      = "g"
  policy_name     = "p"
  policy_document = local.admin
}

resource "awscc_iam_managed_policy" "p" {
  policy_document = local.admin
}

