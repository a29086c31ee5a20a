#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""HACKING.md maps every folder of the repository, so that a clone is
self-sufficient: each folder (three levels deep under src/, two elsewhere)
is named as `path/` in it. Build trees (_build…) and hidden folders other
than .ci are not the repository's.

usage: check-hacking.py SOURCE_ROOT
"""

import os
import sys


def folders(root):
    for top, dirs, _files in os.walk(root):
        dirs[:] = sorted(d for d in dirs
                         if d == '.ci' or not d.startswith(('.', '_')))
        rel = os.path.relpath(top, root)
        if rel == '.':
            continue
        parts = rel.split(os.sep)
        limit = 3 if parts[0] == 'src' else 2
        if len(parts) > limit:
            dirs[:] = []
            continue
        # A build tree set up inside the source, whatever its name.
        if os.path.exists(os.path.join(top, 'meson-private')):
            dirs[:] = []
            continue
        yield '/'.join(parts)


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'HACKING.md'), encoding='utf-8') as f:
        text = f.read()

    missing = [d for d in folders(root) if '`%s/`' % d not in text]
    for d in missing:
        print('HACKING.md does not map %s/' % d)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
