# Valid grammar in every form: IfExists / ForAnyValue operators, policy
# variables, trust and resource policies with principals, ARN patterns.
resource "aws_iam_policy" "ok" {
  name = "ok"
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "ok"
    Statement = [{
      Sid      = "Own"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::home/$${aws:username}/*", "arn:aws-us-gov:s3:::gov/*", "arn:*:s3:::x/*"]
      Condition = {
        StringLikeIfExists           = { "s3:prefix" = ["home/"] }
        "ForAnyValue:StringEquals"   = { "aws:TagKeys" = ["team"] }
        Null                         = { "aws:TokenIssueTime" = "false" }
        IpAddress                    = { "aws:SourceIp" = "10.0.0.0/8" }
      }
      }, {
      Effect      = "Deny"
      NotAction   = "iam:*"
      NotResource = "*"
    }]
  })
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "bucket" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/reader"]
    }
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
  }
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "bucket"
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_lambda_permission" "p" {
  function_name = "fn"
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:us-east-1:111122223333:rule/x"
}

# A policy document with no consumer that extract can see (here an output; in
# real modules often one behind coalesce() or a module boundary) is judged as
# identity, but its Principal is not reported: it is most likely a resource or
# trust policy. Dynamic statements with null not_actions are not "both Action
# and NotAction".
variable "statements" {
  type    = list(object({ actions = list(string), not_actions = list(string) }))
  default = [{ actions = ["s3:GetObject"], not_actions = null }]
}

data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

output "key_policy" {
  value = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "dyn" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions     = statement.value.actions
      not_actions = statement.value.not_actions
      resources   = ["arn:aws:s3:::bucket/*"]
    }
  }
}

resource "aws_iam_policy" "dyn" {
  name   = "dyn"
  policy = data.aws_iam_policy_document.dyn.json
}
