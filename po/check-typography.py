#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-typography.py CATALOGUE...
#
# French typography in the translations: the space before : ; ? ! and »,
# and after «, must not break (U+00A0 or U+202F), or a line may start with
# a lone colon or guillemet. Only the msgstr text is read: the msgids are
# English, and "%s:%d" or "10:30" have no space to check.

import re
import sys

PLAIN_SPACE = re.compile(r'(?<=\S) +(?=[:;?!»])|(?<=«) +')


def msgstr_lines(path):
    """(line number, text) of every string line that belongs to a msgstr."""
    in_msgstr = False
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.startswith('msgstr'):
                in_msgstr = True
            elif not line.startswith('"'):
                in_msgstr = False
            if in_msgstr and '"' in line:
                yield number, line[line.index('"'):]


def main(paths):
    problems = 0
    for path in paths:
        for number, text in msgstr_lines(path):
            for match in PLAIN_SPACE.finditer(text):
                start = max(match.start() - 20, 0)
                excerpt = text[start:match.end() + 20]
                print(f'{path}:{number}: plain space where a no-break space belongs: …{excerpt}…')
                problems += 1
    if problems:
        print(f'{problems} plain space(s): use U+00A0 (or U+202F) before : ; ? ! » and after «')
        return 1
    print(f'typography ok: {" ".join(paths)}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
