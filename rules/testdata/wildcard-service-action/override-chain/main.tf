# Documents that merge documents that merge others: an override by Sid at the
# top (statement "C") replaces the statement two levels down, which then
# reaches AWS nowhere and is not reported; the others are, on the document
# that writes them.
data "aws_iam_policy_document" "c" {
  statement {
    sid       = "C"
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "b" {
  source_policy_documents = [data.aws_iam_policy_document.c.json]
  statement {
    sid       = "B"
    actions   = ["sqs:*"] # want "wildcard-service-action"
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "a" {
  source_policy_documents   = [data.aws_iam_policy_document.b.json]
  override_policy_documents = [data.aws_iam_policy_document.o.json]
  statement {
    sid       = "A"
    actions   = ["sns:*"] # want "wildcard-service-action"
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "o" {
  statement {
    sid       = "C"
    actions   = ["dynamodb:GetItem"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "a" {
  policy = data.aws_iam_policy_document.a.json
}
