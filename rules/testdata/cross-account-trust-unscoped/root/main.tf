data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "AWS"
      identifiers = [
        "arn:aws:iam::444455556666:root", # want "cross-account-trust-unscoped"
        "777788889999", # want "cross-account-trust-unscoped"
        "arn:aws:iam::444455556666:role/deployer",
      ]
    }
  }
}

resource "aws_iam_role" "shared" {
  name               = "shared"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
