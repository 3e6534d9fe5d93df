variable "admin" {
  type = bool
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  dynamic "statement" {
    for_each = ["ec2", "iam"]
    content {
      actions   = ["${statement.value}:*"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.merged.json
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = var.admin ? "s3:*" : "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
    }]
  })
}

resource "aws_lambda_permission" "l" {
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "*"
}
