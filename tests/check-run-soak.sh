#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tools/run-soak's verdict, on made-up samples (a sample every 10 s for
# 30 min, 10 of warm-up): the level of RSS is judged, its median over 5
# minutes, so a frame's burst between two samples is no growth, and a
# level that creeps up past the limit is.
#
#   check-run-soak.sh RUN_SOAK
set -u
run_soak=${1:?tools/run-soak}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# samples NAME AWK-EXPRESSION: RSS in MiB as a function of t (seconds) and
# i (the sample's number).
samples() {
  awk -v name="$1" 'BEGIN {
    print "seconds,rss_kib,rss_anon_kib,rss_file_kib,rss_shmem_kib,cpu_seconds,cpu_percent,threads"
    for (i = 0; i <= 180; i++) {
      t = 10 * i
      rss = ('"$2"') * 1024
      printf "%d,%d,%d,%d,0,%.2f,10.0,12\n", t, rss, rss - 100 * 1024, 100 * 1024, t / 10
    }
  }' >"$tmp/$1.csv"
}

# expect NAME EXIT: the report's exit status (0 PASS, 1 FAIL, 2 no verdict).
expect() {
  local out rc
  out=$("$run_soak" --report "$tmp/$1.csv" 2>&1)
  rc=$?
  echo "== $1 (exit $rc)"
  echo "$out"
  [ "$rc" -eq "$2" ] || { echo "$1: exit $rc, expected $2"; status=1; }
}

# Flat at 500 MiB, with a burst of +60 MiB every third sample.
samples bursts '500 + (i % 3 == 0 ? 60 : 0)'
expect bursts 0
# Flat, then up by 8 % over the last 20 minutes.
samples creeps '500 + (t > 600 ? 40 * (t - 600) / 1200 : 0)'
expect creeps 1
# Up by 3 %: within the limit.
samples within '500 + (t > 600 ? 15 * (t - 600) / 1200 : 0)'
expect within 0
# Stopped before the warm-up ended: no verdict.
head -n 40 "$tmp/within.csv" >"$tmp/short.csv"
expect short 2
# The figures printed: the reference and the growth of the creeping run.
out=$("$run_soak" --report "$tmp/creeps.csv" 2>&1)
grep -q '^RSS at warm-up    500.0 MiB' <<<"$out" || { echo "creeps: wrong reference"; status=1; }
grep -q '^growth            +[67]\.[0-9] % (highest median)' <<<"$out" || { echo "creeps: wrong growth"; status=1; }
grep -q '^CPU mean          10.0 %' <<<"$out" || { echo "creeps: wrong CPU"; status=1; }

exit $status
