#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   require-tool.sh NAME PATH -- COMMAND [ARGS...]
#
# Runs COMMAND when the tool NAME was found at configure time (PATH is its
# full path, empty when it was not). A test that needs a missing tool is
# skipped (77) on a developer's machine but fails in CI (CI=true), so that
# it can never vanish from a CI run.
set -u
name=${1:?tool name}
path=${2-}
shift 2
[ "${1-}" = -- ] && shift

if [ -z "$path" ] || [ ! -x "$path" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $name is not installed, and CI=true requires this test to run"
    exit 1
  fi
  echo "SKIP: $name is not installed"
  exit 77
fi
exec "$@"
