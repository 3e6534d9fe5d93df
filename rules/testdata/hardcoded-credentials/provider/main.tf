provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"                     # want "hardcoded-credentials"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" # want "hardcoded-credentials"
}

variable "backup_secret_key" {
  default = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo" # want "hardcoded-credentials"
}

provider "aws" {
  alias      = "backup"
  region     = "us-west-2"
  access_key = "AKIAZZZZZZZZZZZZZZZ2" # want "hardcoded-credentials"
  secret_key = var.backup_secret_key
}

resource "aws_ssm_parameter" "creds" {
  name  = "/ci/aws"
  type  = "String"
  value = "aws_access_key_id=ASIAABCDEFGHIJ234567" # want "hardcoded-credentials"
}
