variable "secret_key_arn" {
  default = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ci"
}

provider "aws" {
  region  = "us-east-1"
  profile = "deploy"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}

resource "aws_iam_user" "u" {
  # a name that merely looks like a key prefix
  name = "AKIA-rotation-bot"
}

resource "aws_ssm_parameter" "token" {
  name  = "/app/session"
  type  = "SecureString"
  value = "ThisIsNotASecretKeyButLooksLong/1234567890abc"
}
