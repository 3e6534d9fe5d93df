data "aws_iam_policy_document" "topic" {
  statement {
    actions   = ["sns:Publish"]
    resources = ["arn:aws:sns:eu-west-1:111122223333:alerts"]
    not_principals { # want "not-principal-allow"
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_sns_topic" "alerts" {
  name   = "alerts"
  policy = data.aws_iam_policy_document.topic.json
}
