# A key written once in a local and copied into a heredoc and a jsonencode:
# one finding, where the key is written.
locals {
  bootstrap_key_id     = "AKIAZXCVBNMASDFGHJKL"                       # want "hardcoded-credentials"
  bootstrap_secret_key = "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" # want "hardcoded-credentials"
}

resource "aws_instance" "bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    mkdir -p /root/.aws
    cat > /root/.aws/credentials <<EOF
    [default]
    aws_access_key_id = ${local.bootstrap_key_id}
    aws_secret_access_key = ${local.bootstrap_secret_key}
    EOF
  EOT
}

resource "aws_secretsmanager_secret_version" "ci" {
  secret_id = "ci"
  secret_string = jsonencode({
    AccessKeyId     = local.bootstrap_key_id
    SecretAccessKey = local.bootstrap_secret_key
  })
}
