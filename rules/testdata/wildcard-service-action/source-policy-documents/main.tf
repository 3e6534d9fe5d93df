data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:*"] # want "wildcard-service-action"
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/svc/*"]
  }
}

data "aws_iam_policy_document" "svc" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::svc-config/*"]
  }
}

resource "aws_iam_policy" "svc" {
  name   = "svc"
  policy = data.aws_iam_policy_document.svc.json
}
