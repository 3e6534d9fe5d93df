# Secret keys under names with a prefix, or "aws_secret" without "key":
# names a new user writes for a CI user's credentials.
locals {
  deploy_secret_key = "Wd3kP9sLq2ZxV7bN1mR4tY8uI0oPaSdFgHjKlZx1" # want "hardcoded-credentials"
}

module "worker" {
  source     = "./modules/worker"
  aws_key_id = "AKIAQWERTYUIOPASDFGH" # want "hardcoded-credentials"
  aws_secret = "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" # want "hardcoded-credentials"
}

resource "aws_ssm_parameter" "ci" {
  name = "/ci/credentials"
  type = "SecureString"
  value = jsonencode({
    awsSecretAccessKey = local.deploy_secret_key
  })
}

# Not an AWS secret key: a 40-character OAuth client secret, and a Git commit.
resource "aws_ssm_parameter" "oauth" {
  name = "/app/oauth"
  type = "SecureString"
  value = jsonencode({
    client_secret = "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90"
    secret_commit = "3f2c9a1b7e4d6f8a0b2c4d6e8f0a1b3c5d7e9f1a"
  })
}

# A shell script that exports the secret under a short name.
resource "aws_instance" "runner" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro" # want +3 "hardcoded-credentials"
  user_data     = <<-EOT
    #!/bin/sh
    export AWS_SECRET=Rt5Yh7Uj9Ik1Ol3Pa5Sd7Fg9Hj1Kl3Zx5Cv7Bn9M
  EOT
}
