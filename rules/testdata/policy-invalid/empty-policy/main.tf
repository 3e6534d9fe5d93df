# An empty policy where the AWS provider requires one fails terraform plan
# ("contains an invalid JSON policy"): policy-invalid says so at the string.
resource "aws_iam_policy" "empty" {
  name   = "empty"
  policy = "" # want "policy-invalid"
}

resource "aws_iam_role" "blank_trust" {
  name               = "blank-trust"
  assume_role_policy = "  " # want "policy-invalid"
}

# Reported where the empty value is written.
variable "doc" {
  default = "" # want "policy-invalid"
}

resource "aws_iam_role_policy" "from_variable" {
  role   = aws_iam_role.blank_trust.id
  policy = var.doc
}

# Where an empty string means "no policy", nothing is reported.
resource "aws_s3_bucket" "no_policy" {
  bucket = "no-policy"
  policy = ""
}

resource "aws_vpc_endpoint_policy" "default_policy" {
  vpc_endpoint_id = "vpce-0123456789abcdef0"
  policy          = ""
}

resource "aws_iam_role" "inline_cleared" {
  name = "inline-cleared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  inline_policy {
    name   = "none"
    policy = ""
  }
}
