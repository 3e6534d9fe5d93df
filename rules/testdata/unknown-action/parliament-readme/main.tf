# The policies of Parliament's README (duo-labs/parliament), read with file()
# as a new user would: parliament2.json's "s3:abc" is an unknown action
# (Parliament: "LOW - Unknown action"); its s3:* / ec2:* statement is
# wildcard-service-action's business. parliament1.json (s3:GetObject on a
# bucket ARN: Parliament's RESOURCE_MISMATCH, not a rule here) and
# parliament3.json (s3:GetObject on secretbucket/*) use known actions only.
resource "aws_iam_policy" "p1" {
  name   = "p1"
  policy = file("${path.module}/parliament1.json")
}

resource "aws_iam_policy" "p2" {
  name   = "p2"
  policy = file("${path.module}/parliament2.json")
}

resource "aws_iam_policy" "p3" {
  name   = "p3"
  policy = file("${path.module}/parliament3.json")
}
