# IAM does not trim a condition operator or key: "StringEquals " is no
# operator (policy-invalid), " aws:PrincipalOrgID" no key a request carries,
# so neither condition pins who may call.
resource "aws_sqs_queue_policy" "spaced_operator" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" # want "wildcard-principal"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:q"
      Condition = { "StringEquals " = { "aws:PrincipalOrgID" = "o-abc1234567" } }
    }]
  })
}

resource "aws_sqs_queue_policy" "spaced_key" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/r"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # want "wildcard-principal"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:r"
      Condition = { StringEquals = { " aws:PrincipalOrgID" = "o-abc1234567" } }
    }]
  })
}

# Clean: written right, the condition pins the organization.
resource "aws_sqs_queue_policy" "clean" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/s"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:s"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc1234567" } }
    }]
  })
}
