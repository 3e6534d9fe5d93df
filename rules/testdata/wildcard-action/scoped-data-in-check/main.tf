# A check block's scoped data source (Terraform 1.5+) is read at plan time
# like any data source: the policy document it writes is linted (it was not
# read at all).
check "admin_policy_size" {
  data "aws_iam_policy_document" "probe" {
    statement {
      actions   = ["*"] # want "wildcard-action"
      resources = ["*"]
    }
  }

  assert {
    condition     = length(data.aws_iam_policy_document.probe.json) < 6144
    error_message = "The policy is too long."
  }
}
