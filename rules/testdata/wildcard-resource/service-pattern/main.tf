data "aws_iam_policy_document" "cleanup" {
  statement {
    actions   = ["s3:DeleteObject"]
    resources = ["arn:aws:s3:::*"] # want "wildcard-resource"
  }
  statement {
    actions   = ["dynamodb:DeleteItem"]
    resources = ["arn:aws:dynamodb:eu-west-1:111122223333:table/sessions"]
  }
}

resource "aws_iam_policy" "cleanup" {
  name   = "cleanup"
  policy = data.aws_iam_policy_document.cleanup.json
}
