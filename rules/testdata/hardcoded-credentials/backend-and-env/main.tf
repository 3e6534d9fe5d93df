terraform {
  backend "s3" {
    bucket     = "acme-tf-state"
    key        = "prod/terraform.tfstate"
    region     = "us-east-1"
    access_key = "AKIAZ9XW3VU7TS5RQ1PO"                     # want "hardcoded-credentials"
    secret_key = "Kp3Lm9Nq2Rs8Tv4Wx6Yz0Ab1Cd5Ef7Gh3Ij9Kl2M" # want "hardcoded-credentials"
  }
}

variable "secret_access_key" {
  description = "do not do this"
  default     = "Hx7Jk2Lm9Np4Qr6St1Uv3Wx8Yz0Ab5Cd2Ef7Gh4I" # want "hardcoded-credentials"
}

resource "local_file" "aws_credentials" { # want +4 "hardcoded-credentials"
  filename = "${path.module}/credentials" # want +4 "hardcoded-credentials"
  content  = <<-INI
    [default]
    aws_access_key_id     = AKIAT5GH7JK2LM4NP6QR
    aws_secret_access_key = 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
  INI
}
