# Credentials that come from elsewhere, and look-alikes that are not keys.
variable "access_key" {
  type      = string
  default   = null
  sensitive = true
}

provider "aws" {
  region     = "us-east-1"
  access_key = var.access_key
  profile    = "deploy"
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:acme_ops"
}

resource "aws_secretsmanager_secret_version" "ci" {
  secret_id = "ci/aws"
  secret_string = jsonencode({
    access_key_id     = aws_iam_access_key.ci.id
    secret_access_key = aws_iam_access_key.ci.encrypted_secret
  })
}

resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

locals {
  # The name of a parameter, a placeholder and a key ID that is too short.
  secret_key_param = "/ci/aws/secret_access_key"
  placeholder      = "AKIAXXXXXXXXXXXXXXX"
  commit           = "b1946ac92492d2347c6235b4d2611184f9e8c2d1"
}
