resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = templatefile("${path.module}/ci-policy.json.tpl", {
    bucket = "ci-artifacts"
  })
}
