fail_on = "severe"
colour  = "always"

rule "wildcard-resource" {
  trusted_subjects = ["x"]
}

rule "wildcard-action" {
  severity = "urgent"
  enabled  = "yes"
}

ignore {
  rule    = "wildcard-action"
  address = "x"
}

ignore {
  rule    = "wildcard-action"
  address = "y"
  reason  = "r"
  expires = "31/01/2027"
}

unknown_block {}
