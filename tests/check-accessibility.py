#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real window as a screen reader sees it.

Starts `vigie --demo` with GTK's AT-SPI backend, walks its accessibility
tree with pyatspi and fails on any focusable object without a name (GTK
4.8 then says its type name, "GtkListBox"), on a name that still has a
mnemonic underscore ("_Refresh All") or says its text twice. Then it
walks the map from the keyboard: a layer says which item is selected, and
the minus key zooms out.

Needs a display and a D-Bus session bus: run under xvfb-run -a
dbus-run-session, or it runs itself again under them. It starts the
accessibility bus itself when D-Bus cannot (a session bus without the
org.a11y.Bus service file). Run by meson with the path of the vigie
executable.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# A test that cannot run in CI must fail there, not vanish.
SKIP = 1 if os.environ.get('CI') else 77

# Without a display or a session bus, make them: run again inside
# xvfb-run and dbus-run-session when they are installed.
if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    wrapper = []
    if not os.environ.get('DISPLAY'):
        if not shutil.which('xvfb-run'):
            print('no display, and no xvfb-run to make one')
            sys.exit(SKIP)
        wrapper += ['xvfb-run', '-a']
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        if not shutil.which('dbus-run-session'):
            print('no D-Bus session bus, and no dbus-run-session to start one')
            sys.exit(SKIP)
        wrapper += ['dbus-run-session', '--']
    if os.environ.get('VIGIE_A11Y_WRAPPED'):
        sys.exit('%s did not give a display and a session bus' % ' '.join(wrapper))
    os.environ['VIGIE_A11Y_WRAPPED'] = '1'
    os.execvp(wrapper[0], wrapper + [sys.executable] + sys.argv)

try:
    import pyatspi
except ImportError:
    print('pyatspi is missing: install python3-pyatspi (and run /usr/bin/python3)')
    sys.exit(1)

TYPE_NAME = re.compile(r'^(Gtk|Adw|Shumate|Vigie|Gdk)[A-Z]\w*$')
MNEMONIC = re.compile(r'(^|[\s(])_[^\s_]')
BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher'


def a11y_bus_running():
    return subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus',
                           '--object-path', '/org/a11y/bus',
                           '--method', 'org.a11y.Bus.GetAddress'],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=20).returncode == 0


def start_a11y_bus(children):
    """GTK and pyatspi find the accessibility bus through org.a11y.Bus on
    the session bus: D-Bus starts it from its service file. Where the bus
    has no such file (a minimal session), start the launcher by hand."""
    if a11y_bus_running():
        return
    if not os.access(BUS_LAUNCHER, os.X_OK):
        sys.exit('no accessibility bus, and no %s: install at-spi2-core' % BUS_LAUNCHER)
    children.append(subprocess.Popen([BUS_LAUNCHER, '--launch-immediately']))
    for _ in range(50):
        if a11y_bus_running():
            return
        time.sleep(0.2)
    sys.exit('the accessibility bus did not start')


def find_app(process, deadline):
    pid = process.pid
    while time.monotonic() < deadline and process.poll() is None:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.5)
    return None


def walk(obj, found, depth=0):
    if obj is None or depth > 60:
        return
    try:
        state = obj.getState()
        found.append((obj, state))
        children = list(obj)
    except Exception:
        return
    for child in children:
        walk(child, found, depth + 1)


def objects(app):
    found = []
    walk(app, found)
    return found


def bad_name(name):
    name = (name or '').strip()
    if not name:
        return 'no name'
    if TYPE_NAME.match(name):
        return 'only its type name'
    if MNEMONIC.search(name):
        return 'a mnemonic underscore'
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]:
        return 'its text twice'
    return None


def describe(obj):
    path = []
    node = obj
    while node is not None and len(path) < 4:
        try:
            path.append('%s %r' % (node.getRoleName(), node.name))
            node = node.parent
        except Exception:
            break
    return ' < '.join(path)


def check_names(app):
    problems = []
    n_focusable = 0
    for obj, state in objects(app):
        if not state.contains(pyatspi.STATE_FOCUSABLE):
            continue
        try:
            name = obj.name
        except Exception:
            # Gone since the walk: a list's row made again by an update.
            continue
        n_focusable += 1
        why = bad_name(name)
        if why:
            problems.append('%s: %s' % (why, describe(obj)))
    return n_focusable, problems


def key(name, pause=0.4):
    subprocess.run(['xdotool', 'key', '--clearmodifiers', name], check=True)
    time.sleep(pause)


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:
            # An object gone while the tree was read (a list updated):
            # read it again.
            value = None
        if value:
            return value
        time.sleep(0.3)
    return predicate()


def scale_text(app):
    for obj, state in objects(app):
        try:
            if obj.getRoleName() == 'label' and obj.parent is not None and obj.parent.name == 'ShumateScale':
                return obj.name
        except Exception:
            pass
    return None


def find_map(app):
    for obj, state in objects(app):
        if obj.name == 'Map' and state.contains(pyatspi.STATE_FOCUSABLE):
            return obj
    return None


def focused_in(obj):
    for node in [obj] + list(obj):
        if node is not None and node.getState().contains(pyatspi.STATE_FOCUSED):
            return node
    return None


def check_keyboard(app):
    """Tab to a layer, walk to an item, hear about it; minus zooms out."""
    problems = []
    layer = None
    the_map = find_map(app)
    if the_map is None:
        return ['the map is not focusable, or has no name "Map"']

    # Only the map's own subtree is read at each step: reading the whole
    # tree over D-Bus takes seconds.
    for _ in range(300):
        key('Tab', 0.05)
        obj = focused_in(the_map)
        if obj is not None and obj.getRoleName() == 'image':
            # A layer with things on screen: bikes or cars.
            layer = obj
            if re.search(r'Bike|Car share', obj.name or ''):
                break
    if layer is None:
        return ['Tab never reached a map layer']

    before = scale_text(app)
    key('Right')
    description = wait_for(lambda: layer.description, 5)
    print('selected, as announced: %r' % description)
    if not description:
        problems.append('the selected item is announced to nobody: %s has no description' % layer.name)
    elif not re.search(r', .+', description):
        problems.append('the description %r says no state nor age' % description)

    key('minus')
    after = wait_for(lambda: scale_text(app) != before and scale_text(app), 5)
    print('scale bar: %r, then %r after "minus"' % (before, after))
    if not after or after == before:
        problems.append('"minus" with a layer focused did not zoom out (scale %r)' % before)
    return problems


def check_alerts(app):
    """The header bar's count opens the Alerts tab: its rows and their
    buttons have names too."""
    button = wait_for(lambda: next((o for o, s in objects(app)
                                    if o.getRoleName() == 'push button'
                                    and 'to acknowledge' in (o.name or '')), None), 30)
    if button is None:
        return ['no alert to acknowledge in the header bar']
    print('header bar: %r' % button.name)
    button.queryAction().doAction(0)
    rows = wait_for(lambda: [o for o, s in objects(app)
                             if o.getRoleName() == 'list item' and ' — ' in (o.name or '')
                             and o.parent is not None and o.parent.name == 'Alerts'], 10)
    print('%d alerts in the Alerts tab, first %r' % (len(rows), rows[0].name if rows else None))
    if not rows:
        return ['the Alerts tab shows no named alert']
    n_focusable, problems = check_names(app)
    print('with the Alerts tab: %d focusable objects, %d without a proper name' % (n_focusable, len(problems)))
    for problem in problems:
        print('  ' + problem)
    return problems


def activate_app_action(name):
    """Activates app.NAME over D-Bus, as the main menu does."""
    names = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                            '--object-path', '/org/freedesktop/DBus',
                            '--method', 'org.freedesktop.DBus.ListNames'],
                           capture_output=True, text=True, check=True).stdout
    app_id = next((n for n in re.findall(r"'([^']+)'", names) if n.startswith('io.github.vigie.Vigie')), None)
    if app_id is None:
        return False
    subprocess.run(['gdbus', 'call', '--session', '--dest', app_id,
                    '--object-path', '/' + app_id.replace('.', '/'),
                    '--method', 'org.gtk.Actions.Activate', name, '[]', '{}'],
                   capture_output=True, check=True)
    return True


def check_studies(app):
    """The studies' windows (main menu): their controls, rows and heat
    maps have names too. Only their own trees are walked: the main
    window's is large, and was checked already."""
    problems = []
    windows = []
    for action, title in (('parking-study', 'Parking-Meter Placement'), ('wifi-study', 'Public Wi-Fi Use')):
        if not activate_app_action(action):
            return ['the app is not on the session bus: app.%s cannot be activated' % action]
        window = wait_for(lambda: next((w for w in app if w is not None and w.name == title), None), 20)
        if window is None:
            problems.append('app.%s opened no window named %r' % (action, title))
            continue
        windows.append(window)
    for window in windows:
        # Its rows, once the history is read (the demo's past may still be written).
        wait_for(lambda: any(o.getRoleName() == 'list item' and ':' in (o.name or '')
                             for o, s in objects(window)), 30)
        n_focusable, found = check_names(window)
        print('%r: %d focusable objects, %d without a proper name' % (window.name, n_focusable, len(found)))
        for problem in found:
            print('  ' + problem)
        problems += found
    # Closed with Escape, the newest first, so that the keys that follow
    # go to the main window again.
    for window in reversed(windows):
        key('Escape', 0.6)
    if not wait_for(lambda: not any(w is not None and w.name in ('Parking-Meter Placement', 'Public Wi-Fi Use')
                                for w in app), 10):
        problems.append('Escape did not close the studies\' windows')
    return problems


def check_list(app):
    """A layer row's "Show as a List" opens the layer's table beside the
    map: its rows, headers and close button have names too."""
    buttons = [o for o, s in objects(app)
               if o.name == 'Show as a List' and s.contains(pyatspi.STATE_SENSITIVE)]
    if not buttons:
        return ['no layer row has a "Show as a List" button']
    buttons[-1].queryAction().doAction(0)
    table = wait_for(lambda: next((o for o, s in objects(app)
                                   if (o.name or '').startswith('List of ')
                                   and s.contains(pyatspi.STATE_FOCUSABLE)), None), 10)
    if table is None:
        return ['"Show as a List" showed no table named "List of ..."']
    rows = wait_for(lambda: [o for o, s in objects(app)
                             if s.contains(pyatspi.STATE_FOCUSABLE) and ', ' in (o.name or '')
                             and o.parent is not None and o.parent.name == table.name], 10)
    print('%r: %d rows named, first %r' % (table.name, len(rows), rows[0].name if rows else None))
    n_focusable, problems = check_names(app)
    print('with a list open: %d focusable objects, %d without a proper name' % (n_focusable, len(problems)))
    for problem in problems:
        print('  ' + problem)
    if not rows:
        problems.append('the rows of %r have no names' % table.name)
    return problems


def main():
    vigie = sys.argv[1]
    workdir = tempfile.mkdtemp(prefix='vigie-a11y-')
    children = []
    try:
        # The built-in street map: no tile server on the network.
        settings = os.path.join(workdir, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings)
        with open(os.path.join(settings, 'keyfile'), 'w') as keyfile:
            # Alerts at once, so that the Alerts tab has rows to name.
            keyfile.write("[io/github/vigie/Vigie]\nbase-map='offline'\n"
                          "alert-rules={'car-share-empty': (true, 3.0, 0, 'info'), "
                          "'bikes-empty': (true, 20.0, 0, 'warning')}\n")

        env = dict(os.environ,
                   GSETTINGS_BACKEND='keyfile',
                   XDG_CONFIG_HOME=os.path.join(workdir, 'config'),
                   XDG_DATA_HOME=os.path.join(workdir, 'data'),
                   XDG_CACHE_HOME=os.path.join(workdir, 'cache'),
                   GTK_A11Y='atspi')
        # The test environment turns accessibility off for the other tests.
        env.pop('NO_AT_BRIDGE', None)

        start_a11y_bus(children)

        app_process = subprocess.Popen([vigie, '--demo'], env=env)
        children.append(app_process)

        app = find_app(app_process, time.monotonic() + 40)
        if app is None:
            if app_process.poll() is not None:
                print('vigie ended (status %d) before it showed: see its messages above'
                      % app_process.returncode)
            else:
                print('vigie never showed on the accessibility bus')
            return 1

        # The feeds and their rows arrive from the simulator.
        wait_for(lambda: any('now' in (o.name or '') and o.getRoleName() == 'push button'
                             for o, s in objects(app)), 20)
        time.sleep(1)

        n_focusable, problems = check_names(app)
        print('%d focusable objects, %d without a proper name' % (n_focusable, len(problems)))
        for problem in problems:
            print('  ' + problem)

        problems += check_studies(app)
        problems += check_alerts(app)
        problems += check_list(app)
        problems += check_keyboard(app)
        for problem in problems:
            print('FAIL: ' + problem)
        return 1 if problems else 0
    finally:
        for child in reversed(children):
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
