#!/bin/sh
i=0
while [ $i -lt 30 ]; do echo "progress line $i"; i=$((i+1)); done
echo "Error: role arn:aws:iam::1:role/x cannot be assumed" >&2
exit 7
