#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Pixel checks on screenshots of Vigie's window, for tools/flatpak-check.
# The window's geometry comes from the X server (xdotool); the screenshots
# are read through ImageMagick's `convert` as binary PPM.
#
#   check-screenshot.py headerbar SHOT X Y W H
#       the top of the window is a neutral grey bar, as Adwaita draws the
#       header bar (light or dark style);
#   check-screenshot.py map SHOT X Y W H
#       the map area (the window's right part, below the header bar and the
#       banner, above the toasts) is not uniform: a background with lines on
#       it, as the offline base map draws Mulhouse's streets;
#   check-screenshot.py motion SHOT1 SHOT2 X Y W H
#       something moves on the map between two screenshots taken seconds
#       apart: the simulated trams of the demo city (the base map itself
#       is still).
#
# Exit status: 0 when the check passes, 1 when not, 2 on bad usage.

import collections
import subprocess
import sys


def read_ppm(path):
    data = subprocess.run(["convert", path, "-depth", "8", "ppm:-"],
                          check=True, stdout=subprocess.PIPE).stdout
    # P6 <w> <h> <max>\n then w*h*3 bytes; no comments from ImageMagick.
    fields = data.split(maxsplit=4)
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError(f"{path}: not an 8-bit PPM")
    return int(fields[1]), int(fields[2]), fields[4]


class Shot:
    def __init__(self, path):
        self.width, self.height, self.data = read_ppm(path)

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return self.data[i], self.data[i + 1], self.data[i + 2]

    def region(self, x0, y0, x1, y1, step=1):
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.width, x1), min(self.height, y1)
        for y in range(y0, y1, step):
            for x in range(x0, x1, step):
                yield self.pixel(x, y)


def map_box(x, y, w, h):
    # Right of the sidebar (at most a third of the window), below the header
    # bar and the demo banner, above the toasts and the scale; the zoom
    # buttons sit in the top right corner, left out too.
    return (x + w // 3, y + 100 + (h - 100) // 10, x + w - 80, y + h - (h - 100) // 4)


def check_headerbar(shot, x, y, w, h):
    # Between the sidebar toggle on the left and the window buttons on the
    # right; the title's text is a small part of the strip.
    colours = collections.Counter(shot.region(x + 60, y + 4, x + w - 200, y + 40))
    (r, g, b), _ = colours.most_common(1)[0]
    # Near the most common colour: the development profile's stripes differ
    # a little, antialiased text a lot.
    count = sum(n for c, n in colours.items()
                if max(abs(c[0] - r), abs(c[1] - g), abs(c[2] - b)) <= 12)
    share = count / sum(colours.values())
    neutral = max(r, g, b) - min(r, g, b) <= 4
    print(f"header bar: most common colour #{r:02x}{g:02x}{b:02x} on {share:.0%} of the strip")
    return neutral and share >= 0.6 and (r >= 200 or r <= 70)


def check_map(shot, x, y, w, h):
    x0, y0, x1, y1 = map_box(x, y, w, h)
    colours = collections.Counter(shot.region(x0, y0, x1, y1, step=2))
    total = sum(colours.values())
    background, count = colours.most_common(1)[0]
    lines = sum(n for c, n in colours.items()
                if max(abs(c[i] - background[i]) for i in range(3)) > 30)
    print(f"map: {len(colours)} colours, background #{bytes(background).hex()} on "
          f"{count / total:.0%}, lines on {lines / total:.1%} of {x1 - x0}x{y1 - y0} px")
    return len(colours) >= 20 and 0.3 <= count / total <= 0.995 and lines / total >= 0.005


def check_motion(shot1, shot2, x, y, w, h):
    x0, y0, x1, y1 = map_box(x, y, w, h)
    changed = sum(1 for a, b in zip(shot1.region(x0, y0, x1, y1), shot2.region(x0, y0, x1, y1))
                  if max(abs(a[i] - b[i]) for i in range(3)) > 40)
    print(f"motion: {changed} map pixels changed between the two screenshots")
    return changed >= 30


def main(argv):
    try:
        what = argv[1]
        if what in ("headerbar", "map") and len(argv) == 7:
            shots, geometry = [Shot(argv[2])], argv[3:]
        elif what == "motion" and len(argv) == 8:
            shots, geometry = [Shot(argv[2]), Shot(argv[3])], argv[4:]
        else:
            raise IndexError
        x, y, w, h = (int(v) for v in geometry)
    except (IndexError, ValueError):
        print("usage: check-screenshot.py headerbar|map SHOT X Y W H\n"
              "       check-screenshot.py motion SHOT1 SHOT2 X Y W H", file=sys.stderr)
        return 2
    if w < 400 or h < 300:
        print(f"window too small: {w}x{h}")
        return 1
    checks = {"headerbar": check_headerbar, "map": check_map, "motion": check_motion}
    return 0 if checks[what](*shots, x, y, w, h) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
