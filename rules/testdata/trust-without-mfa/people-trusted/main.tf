# Users named in the trust, next to roles and services that never fire.
resource "aws_iam_role" "deployer" {
  name = "deployer" # want +9 "trust-without-mfa"
  assume_role_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {
            "AWS": [
              "arn:aws:iam::123456789012:user/alice",
              "arn:aws:iam::123456789012:role/ci-runner"
            ],
            "Service": "codebuild.amazonaws.com"
          },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  POLICY
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

data "aws_iam_policy_document" "support" {
  statement {
    actions = ["sts:*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_user.bob.arn] # want "trust-without-mfa"
    }
  }
}

resource "aws_iam_role" "support" {
  name               = "support"
  assume_role_policy = data.aws_iam_policy_document.support.json
}

resource "aws_iam_role" "lambda" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
