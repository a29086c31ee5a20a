#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the command line without a display: both options exit before the
# application registers or opens a window.
set -u
exe=${1:?vigie executable}
version=${2:?expected version}
status=0

out=$("$exe" --version 2>&1) || { echo "--version exited $?: $out"; status=1; }
case "$out" in
  "vigie $version"*) echo "ok: --version: $out";;
  *) echo "--version printed '$out', expected 'vigie $version'"; status=1;;
esac

help=$("$exe" --help 2>&1) || { echo "--help exited $?"; status=1; }
for opt in --version --demo --demo-time --demo-fault --meeting; do
  grep -q -- "$opt" <<<"$help" || { echo "--help does not list $opt"; status=1; }
done
[ $status -eq 0 ] && echo "ok: --help lists --version, --demo and --demo-time"

# A demo time that is not a time is refused before any window opens.
out=$("$exe" --demo-time=tomorrow 2>&1) && { echo "--demo-time=tomorrow was accepted"; status=1; }
grep -q 'ISO 8601' <<<"$out" || { echo "--demo-time=tomorrow said '$out'"; status=1; }

# So is a demo fault that the simulator does not know.
out=$("$exe" --demo-fault=nosuchfeed:status:503 2>&1) && { echo "--demo-fault=nosuchfeed:status:503 was accepted"; status=1; }
grep -q 'nosuchfeed' <<<"$out" || { echo "--demo-fault=nosuchfeed:status:503 said '$out'"; status=1; }

if "$exe" --no-such-option >/dev/null 2>&1; then
  echo "an unknown option was accepted"; status=1
fi
exit $status
