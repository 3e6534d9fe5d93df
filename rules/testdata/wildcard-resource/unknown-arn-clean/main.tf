resource "aws_s3_bucket" "b" {
  bucket_prefix = "exports-"
}

resource "aws_sqs_queue" "q" {
  name_prefix = "exports-"
}

data "aws_iam_policy_document" "export" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.q.arn]
  }
}

resource "aws_iam_policy" "export" {
  name   = "export"
  policy = data.aws_iam_policy_document.export.json
}
