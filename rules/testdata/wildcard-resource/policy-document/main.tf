data "aws_iam_policy_document" "tagger" {
  statement {
    actions = [
      "ec2:CreateTags",
      "ec2:DescribeInstances",
    ]
    resources = ["*"] # want "wildcard-resource"
  }

  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
  }
}

resource "aws_iam_role" "tagger" {
  name = "tagger"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "tagger" {
  role   = aws_iam_role.tagger.id
  policy = data.aws_iam_policy_document.tagger.json
}
