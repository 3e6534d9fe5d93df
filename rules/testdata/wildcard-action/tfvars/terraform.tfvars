extra_actions = ["*"] # want "wildcard-action"
