publishers = ["arn:aws:iam::111122223333:role/monitor", "*"] # want "wildcard-principal"
