# An empty principal ("", or white space only) names nobody: AWS rejects
# the policy ("Invalid principal in policy") at apply, after a plan that
# looked fine. A variable left at an empty default is the usual cause.
variable "trusted_arn" {
  type    = string
  default = "" # want "policy-invalid"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.trusted_arn] # reported at the default it takes
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com", " "] # want "policy-invalid"
    }
  }
}

resource "aws_iam_role" "trust" {
  name               = "trust"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_s3_bucket_policy" "bare" {
  bucket = "b"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] # want "policy-invalid"
  })
}

resource "aws_sqs_queue_policy" "in_object" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", ""] } # want "policy-invalid"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:q"
    }]
  })
}

# A principal known only after apply is not empty.
variable "later" {
  type = string
}

resource "aws_iam_role" "unknown" {
  name = "unknown"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.later } }]
  })
}
