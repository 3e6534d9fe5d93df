# A small configuration with two IAM mistakes and one policy done right.
# Run `go run ./cmd/iamlint examples/` from the repository root to see them.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

locals {
  name = "reports-${var.environment}"
}
