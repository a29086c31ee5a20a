#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The committed protoc-c output (less its licence line) must be what
# protoc-c makes today: usage: check-generated.sh COMMITTED GENERATED...
set -eu
status=0
while [ $# -ge 2 ]; do
  if ! diff -u <(tail -n +2 "$1") "$2"; then
    echo "$1 is out of date: copy $2 over it (keeping its first line)"
    status=1
  fi
  shift 2
done
exit $status
