# aws_cloudwatch_event_permission adds a statement to an event bus's policy:
# principal "*" lets every AWS account put events on the bus, unless its
# condition block pins the organization.
resource "aws_cloudwatch_event_permission" "everyone" {
  principal    = "*" # want "wildcard-principal"
  statement_id = "all"
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}

resource "aws_cloudwatch_event_permission" "everyone_on_bus" {
  principal      = "*" # want "wildcard-principal"
  statement_id   = "all-orders"
  action         = "events:PutEvents"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
}

# A condition that does not pin: the organization ID is a wildcard.
resource "aws_cloudwatch_event_permission" "any_org" {
  principal    = "*" # want "wildcard-principal"
  statement_id = "any-org"

  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "*"
  }
}

# Clean: the organization is pinned.
resource "aws_cloudwatch_event_permission" "org" {
  principal    = "*"
  statement_id = "org"

  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-abc1234567"
  }
}

# Clean: one account.
resource "aws_cloudwatch_event_permission" "account" {
  principal    = "111122223333"
  statement_id = "account"
}
