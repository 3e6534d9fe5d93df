# Actions that accept only Resource "*".
data "aws_iam_policy_document" "telemetry" {
  statement {
    actions = [
      "cloudwatch:PutMetricData",
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "sts:GetCallerIdentity",
      "ecr:GetAuthorizationToken",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "telemetry" {
  name   = "telemetry"
  policy = data.aws_iam_policy_document.telemetry.json
}
