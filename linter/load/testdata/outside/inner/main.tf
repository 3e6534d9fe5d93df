resource "aws_iam_policy" "out" {
  policy = file("../secret.txt")
}

resource "aws_iam_policy" "missing" {
  policy = file("${path.module}/nope.json")
}
