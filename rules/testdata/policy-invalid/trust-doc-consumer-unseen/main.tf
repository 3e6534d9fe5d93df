# A trust policy document (principals, no resources) whose consumer is not
# visible: passed to a registry module, or through an expression extract does
# not follow. Without a Resource it is not reported as a broken identity
# policy.
data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

module "role" {
  source             = "cloudposse/iam-role/aws"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
}

# Without principals and without resources it is still reported.
data "aws_iam_policy_document" "no_resources" {
  statement { # want "policy-invalid"
    actions = ["s3:GetObject"]
  }
}
