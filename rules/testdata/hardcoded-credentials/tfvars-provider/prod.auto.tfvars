deploy = {
  access_key = "ASIAY34FZKBOKMUTVV7A" # want "hardcoded-credentials"
  secret_key = "Qm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo" # want "hardcoded-credentials"
}
