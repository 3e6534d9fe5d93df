{"Statement": [{"Resource": "${res}",
  "Action": "${action}", "NotAction": "x*"}]}
