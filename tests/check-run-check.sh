#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak/run-check, the part of tools/flatpak-check that runs the app,
# as CI runs it: with nothing but HOME and PATH in its environment (no
# XDG_RUNTIME_DIR, no display, no session bus), then with a caller's
# environment that would mislead it. It must make its own runtime folder
# and remove it, see the demo's trams move at any hour of the day, and
# end every process it started, also when a check fails.
#
#   check-run-check.sh RUN_CHECK VIGIE SCHEMA_DIR
set -u
run_check=${1:?flatpak/run-check}
vigie=${2:?vigie executable}
schemas=${3:?compiled schema directory}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
bare=(env -i HOME="$tmp/caller-home" PATH=/usr/sbin:/usr/bin:/sbin:/bin)
mkdir -p "$tmp/caller-home"

runtime_of() { sed -n 's/^flatpak: ok: own XDG_RUNTIME_DIR \([^ ]*\) .*/\1/p' <<<"$1"; }

# 1. The app itself, from the build tree: window, map, moving trams.
out=$("${bare[@]}" "$run_check" "$tmp/work" -- env GSETTINGS_SCHEMA_DIR="$schemas" "$vigie" 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "run-check failed on the app (exit $rc)"; status=1; }
grep -q '^flatpak: ok: simulated trams move' <<<"$out" || { echo "the trams were not seen moving"; status=1; }
dir=$(runtime_of "$out")
[ -n "$dir" ] || { echo "no runtime folder reported"; status=1; }
[ -n "$dir" ] && [ -e "$dir" ] && { echo "runtime folder $dir left behind"; status=1; }
# Nothing of the run is left: found by the mark in its environment, not
# by name (another Vigie may run on this machine).
left_of() {
  local env
  for env in /proc/[0-9]*/environ; do
    [ -n "$1" ] && grep -qzxF "VIGIE_RUN_CHECK_MARK=$1" "$env" 2>/dev/null && echo "${env//[^0-9]/}"
  done
}
left=$(left_of "$dir")
[ -n "$left" ] && { echo "processes of the run left running: $left"; status=1; }

# 2. A command that never shows a window and leaves children behind,
# started from an environment that points elsewhere: the check fails,
# the command saw a private runtime folder and bus, and nothing is left.
cat > "$tmp/bad-app" <<SH
#!/bin/sh
{ echo "XDG_RUNTIME_DIR=\$XDG_RUNTIME_DIR"; stat -c 'mode=%a' "\$XDG_RUNTIME_DIR";
  echo "DBUS=\$DBUS_SESSION_BUS_ADDRESS"; echo "DISPLAY=\$DISPLAY"; echo "LEAK=\${VIGIE_CALLER_LEAK:-}"; } > "$tmp/seen"
sleep 600 &
exec sleep 601
SH
chmod +x "$tmp/bad-app"
start=$SECONDS
out=$(env XDG_RUNTIME_DIR=/nonexistent DISPLAY=:97 DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent \
          VIGIE_CALLER_LEAK=1 VIGIE_RUN_CHECK_WINDOW_TIMEOUT=3 \
          "$run_check" "$tmp/work2" -- "$tmp/bad-app" 2>&1)
rc=$?
echo "$out"
[ $rc -ne 0 ] || { echo "run-check passed a command that shows no window"; status=1; }
grep -q '^flatpak: FAIL: no Vigie window' <<<"$out" || { echo "the missing window was not reported"; status=1; }
[ $((SECONDS - start)) -lt 60 ] || { echo "the failing check took $((SECONDS - start)) s"; status=1; }
dir=$(runtime_of "$out")
grep -qx "XDG_RUNTIME_DIR=$dir" "$tmp/seen" || { echo "the command saw another runtime folder: $(cat "$tmp/seen")"; status=1; }
grep -qx 'mode=700' "$tmp/seen" || { echo "the runtime folder is not 0700: $(cat "$tmp/seen")"; status=1; }
grep -q '^DBUS=unix:path=/nonexistent' "$tmp/seen" && { echo "the caller's session bus leaked in"; status=1; }
grep -qx 'DISPLAY=:97' "$tmp/seen" && { echo "the caller's display leaked in"; status=1; }
grep -qx 'LEAK=1' "$tmp/seen" && { echo "the caller's environment leaked in"; status=1; }
[ -n "$dir" ] && [ -e "$dir" ] && { echo "runtime folder $dir left behind after a failure"; status=1; }
left=$(left_of "$dir")
if [ -n "$left" ]; then
  echo "processes of the failed run still running: $(ps -o pid=,args= -p "${left//$'\n'/,}")"; status=1
  kill -KILL $left 2>/dev/null
fi

[ $status -eq 0 ] && echo "ok: run-check under env -i: own runtime folder, trams move, nothing left running"
exit $status
