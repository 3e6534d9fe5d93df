# Keys pasted into ordinary strings: Lambda environment, EC2 user data,
# a tag, a local.
resource "aws_lambda_function" "sync" {
  function_name = "sync"
  role          = "arn:aws:iam::123456789012:role/sync"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "sync.zip"

  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "AKIAJ7VQ5Z2XKQ3MNB4P"                     # want "hardcoded-credentials"
      AWS_SECRET_ACCESS_KEY = "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" # want "hardcoded-credentials"
      BUCKET                = "reports"
    }
  }
}

resource "aws_instance" "legacy" {
  ami           = "ami-0123456789abcdef0" # want +4 "hardcoded-credentials"
  instance_type = "t3.micro" # want +4 "hardcoded-credentials"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAQ4NXZ3L7TYUIOP2M
    export AWS_SECRET_ACCESS_KEY=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
    aws s3 sync s3://reports /srv/reports
  EOT
  tags = {
    Owner = "ops"
    Note  = "uses key AKIAX5BY3QW2ER7TYU8I until migration" # want "hardcoded-credentials"
  }
}

locals {
  ci_key_id = "AKIAW2PL6KX3RT9QZ4NV" # want "hardcoded-credentials"
}

output "ci_key_id" {
  value = local.ci_key_id
}
