#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tools/install-deps waits when another apt process holds the dpkg lock,
# as on a fresh machine running unattended upgrades, instead of failing
# at once. Run against stand-ins for apt-get, dpkg-query, id and locale
# on PATH: nothing is installed.
set -u
script=${1:?tools/install-deps}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"

# One package is missing; apt-get finds the lock held twice, then works.
cat > "$tmp/bin/dpkg-query" <<'SH'
#!/bin/sh
for last; do :; done
[ "$last" = xauth ] && exit 1
printf 'install ok installed'
SH
cat > "$tmp/bin/apt-get" <<SH
#!/bin/sh
echo "\$*" >> "$tmp/apt-calls"
n=\$(wc -l < "$tmp/apt-calls")
if [ "\$n" -le 2 ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)" >&2
  exit 100
fi
exit 0
SH
printf '#!/bin/sh\necho 0\n' > "$tmp/bin/id"
printf '#!/bin/sh\necho C.utf8; echo fr_FR.utf8\n' > "$tmp/bin/locale"
chmod +x "$tmp/bin"/*

status=0
out=$(env -i HOME="$tmp" PATH="$tmp/bin:/usr/bin:/bin" VIGIE_APT_LOCK_RETRY=0 bash "$script" 2>&1) ||
  { echo "install-deps failed although the lock was released: $out"; status=1; }
grep -q 'apt is busy' <<<"$out" || { echo "no word about the held lock: $out"; status=1; }
grep -q 'DPkg::Lock::Timeout' "$tmp/apt-calls" || { echo "apt-get was not asked to wait for dpkg's lock"; status=1; }
grep -q 'install .*xauth' "$tmp/apt-calls" || { echo "the missing package was not installed: $(cat "$tmp/apt-calls")"; status=1; }

# A lock that is never released ends in a failure that says so, once
# the wait is over.
: > "$tmp/apt-calls"
sed -i 's/-le 2/-le 1000/' "$tmp/bin/apt-get"
if out=$(env -i HOME="$tmp" PATH="$tmp/bin:/usr/bin:/bin" VIGIE_APT_LOCK_RETRY=0 VIGIE_APT_LOCK_WAIT=1 \
         bash "$script" 2>&1); then
  echo "install-deps succeeded with the lock held for ever"; status=1
fi
grep -q 'Could not get lock' <<<"$out" || { echo "the lock error was not shown: $out"; status=1; }

[ $status -eq 0 ] && echo "ok: install-deps waits for the dpkg lock, then installs"
exit $status
