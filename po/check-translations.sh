#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a catalogue in LINGUAS misses a msgid of the template that the
# sources produce today, has fuzzy or untranslated entries, or does not pass
# msgfmt --check; also when POTFILES.in is unsorted or misses a file with
# translatable strings.
set -euo pipefail
src=${1:?source root}
out=${2:?build directory}
cd "$src"
status=0

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
if [ "$listed" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "po/POTFILES.in is not sorted"; status=1
fi
# A lookup table, not `printf | grep -q`: under pipefail grep's early exit
# can kill printf with SIGPIPE and the check would fail at random.
declare -A is_listed=()
for f in $listed; do
  is_listed[$f]=1
  [ -f "$f" ] || { echo "po/POTFILES.in names a missing file: $f"; status=1; }
done
for f in $(git ls-files 'src/*.c' 'src/*.ui' 'data/*.in' 'data/*.xml' 2>/dev/null || find src data -name '*.c' -o -name '*.ui' -o -name '*.in' -o -name '*.xml'); do
  if grep -qE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"|translatable="yes"|<summary>' "$f" \
     && [ -z "${is_listed[$f]:-}" ]; then
    echo "$f has translatable strings but is not in po/POTFILES.in"; status=1
  fi
done

# The same keywords as meson's i18n.gettext(preset: 'glib').
pot="$out/check-translations.pot"
xgettext --from-code=UTF-8 --add-comments --package-name=vigie \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --directory="$src" --output="$pot"

for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  [ -f "$po" ] || { echo "$po is missing"; status=1; continue; }
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$po: msgfmt --check failed:"; echo "$stats"; status=1
  fi
  case "$stats" in
    *fuzzy*|*untranslated*) echo "$po: $stats"; status=1;;
  esac
  # msgcmp counts fuzzy and untranslated entries as missing.
  if ! LC_ALL=C msgcmp "$po" "$pot" 2>"$out/msgcmp-$lang.log"; then
    echo "$po does not translate every message of the sources:"
    grep -E 'this message' "$out/msgcmp-$lang.log" | head -n 40 || cat "$out/msgcmp-$lang.log"
    status=1
  fi
done

[ $status -eq 0 ] && echo "translations complete: $(grep -v '^#' po/LINGUAS | tr '\n' ' ')"
exit $status
