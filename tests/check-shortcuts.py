#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The menu and the shortcuts window name the same keys the same way.

Keys of the window's commands are set once, in vigie-application.c
(window_accels); the menu and the shortcuts window both show them. This
fails when the shortcuts window writes a key by hand for a command that
has one (the two drift apart: F5 against Ctrl+R), when a command of the
menu with a key is missing from the shortcuts window, or when the two
name the same command differently, in English or in French ("Reset Map
View" against "Back to the city centre").

Arguments: the source root.
"""

import re
import sys
import xml.etree.ElementTree as ET


def normalize(text):
    text = text.replace('_', '').replace('…', '').replace('...', '')
    return ' '.join(text.split()).casefold()


def read_po(path):
    """msgctxt/msgid → msgstr, enough of the format for our own file."""
    entries = {}
    current = {}
    key = None

    def unquote(line):
        return line[line.index('"') + 1:line.rindex('"')].encode().decode('unicode_escape').encode('latin-1').decode('utf-8')

    def flush():
        if 'msgid' in current and 'msgstr' in current:
            entries[(current.get('msgctxt'), current['msgid'])] = current['msgstr']

    with open(path, encoding='utf-8') as po:
        for line in po:
            line = line.strip()
            if not line or line.startswith('#'):
                if key == 'msgstr':
                    flush()
                    current = {}
                    key = None
                continue
            match = re.match(r'^(msgctxt|msgid|msgstr)\s+"', line)
            if match:
                if match.group(1) != 'msgstr' and key == 'msgstr':
                    flush()
                    current = {}
                key = match.group(1)
                current[key] = unquote(line)
            elif line.startswith('"') and key:
                current[key] += unquote(line)
    if key == 'msgstr':
        flush()
    return entries


def main():
    root = sys.argv[1]
    problems = []

    with open(root + '/src/ui/vigie-application.c', encoding='utf-8') as source:
        code = source.read()
    table = code[code.index('window_accels[] = {'):]
    table = table[:table.index('};')]
    accels = {action: re.findall(r'"([^"]+)"', keys)
              for action, keys in re.findall(r'\{\s*"(win\.[\w-]+)",\s*\{([^}]*)\}', table)}
    if not accels:
        sys.exit('no window_accels table in vigie-application.c')

    menu = {}
    for item in ET.parse(root + '/src/ui/vigie-window.ui').getroot().iter('item'):
        attributes = {a.get('name'): a.text for a in item.findall('attribute')}
        if attributes.get('action') in accels:
            menu[attributes['action']] = attributes['label']

    shortcuts = {}
    by_hand = []
    for shortcut in ET.parse(root + '/src/ui/gtk/help-overlay.ui').getroot().iter('object'):
        if shortcut.get('class') != 'GtkShortcutsShortcut':
            continue
        props = {p.get('name'): p.text for p in shortcut.findall('property')}
        if props.get('action-name'):
            shortcuts[props['action-name']] = props['title']
        if props.get('accelerator'):
            by_hand.append((props['title'], props['accelerator'].split()))

    all_keys = {key: action for action, keys in accels.items() for key in keys}
    for title, keys in by_hand:
        for key in keys:
            if key in all_keys:
                problems.append('the shortcuts window writes %s by hand for "%s": use action-name %s'
                                % (key, title, all_keys[key]))

    for action, label in sorted(menu.items()):
        if action not in shortcuts:
            problems.append('menu item "%s" (%s) has a key but is not in the shortcuts window'
                            % (label, action))

    po = read_po(root + '/po/fr.po')
    for action, label in sorted(menu.items()):
        title = shortcuts.get(action)
        if title is None:
            continue
        if normalize(label) != normalize(title):
            problems.append('%s: the menu says "%s", the shortcuts window "%s"' % (action, label, title))
        french_label = po.get((None, label))
        french_title = po.get(('shortcut window', title))
        if french_label and french_title and normalize(french_label) != normalize(french_title):
            problems.append('%s in French: the menu says "%s", the shortcuts window "%s"'
                            % (action, french_label, french_title))

    for problem in problems:
        print('FAIL: ' + problem)
    print('%d commands with keys, %d in the menu, %d problems' % (len(accels), len(menu), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
