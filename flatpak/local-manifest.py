#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Derives, from the real manifest, the variant that tools/flatpak-check
# builds offline against the stand-in runtime made from Debian packages:
#
#   --without NAME         drops a module whose sources cannot be had offline
#                          (the stand-in runtime has its own copy);
#   --source NAME=URL#SHA  pins a module's archive to another release whose
#                          tarball can be had (from Debian's source package);
#   --skip-glob PATTERN    leaves out of the app's "dir" source the top-level
#                          entries matching PATTERN (build trees: dir sources
#                          copy everything, and skip takes exact paths only).
#
# Everything else (runtime, branch, finish-args, build-options, cleanup, the
# app module) is kept as it is, so the variant builds what the real one does.
# The app's dir source is rewritten relative to OUTPUT's folder.
#
# Usage: local-manifest.py [OPTION]... MANIFEST.json OUTPUT.json
# Exit status: 0 on success, 1 when an option names no module, 2 on bad usage.

import argparse
import fnmatch
import json
import os
import sys


def find_module(modules, name):
    for index, module in enumerate(modules):
        if isinstance(module, dict) and module.get("name") == name:
            return index
    return None


def main(argv):
    parser = argparse.ArgumentParser(description="Derive the offline variant of the manifest.")
    parser.add_argument("--without", action="append", default=[], metavar="NAME")
    parser.add_argument("--source", action="append", default=[], metavar="NAME=URL#SHA256")
    parser.add_argument("--skip-glob", action="append", default=[], metavar="PATTERN")
    parser.add_argument("manifest")
    parser.add_argument("output")
    args = parser.parse_args(argv[1:])

    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        print(f"error: {args.manifest}: no modules", file=sys.stderr)
        return 1

    notes = []
    for name in args.without:
        index = find_module(modules, name)
        if index is None:
            print(f"error: --without {name}: no such module", file=sys.stderr)
            return 1
        del modules[index]
        notes.append(f"without {name}")

    for spec in args.source:
        name, _, pin = spec.partition("=")
        url, _, sha256 = pin.partition("#")
        if not name or not url or len(sha256) != 64:
            print(f"error: --source {spec}: expected NAME=URL#SHA256", file=sys.stderr)
            return 2
        index = find_module(modules, name)
        archives = [s for s in modules[index].get("sources", [])
                    if isinstance(s, dict) and s.get("type") == "archive"] if index is not None else []
        if len(archives) != 1:
            print(f"error: --source {spec}: no module {name} with one archive source",
                  file=sys.stderr)
            return 1
        old = archives[0]["url"]
        archives[0]["url"] = url
        archives[0]["sha256"] = sha256
        notes.append(f"{name} from {os.path.basename(url)} instead of {os.path.basename(old)}")

    # The app's own dir source, relative to the real manifest's folder.
    manifest_dir = os.path.dirname(os.path.abspath(args.manifest))
    output_dir = os.path.dirname(os.path.abspath(args.output))
    for source in modules[-1].get("sources", []):
        if not isinstance(source, dict) or source.get("type") != "dir":
            continue
        app_dir = os.path.normpath(os.path.join(manifest_dir, source["path"]))
        source["path"] = os.path.relpath(app_dir, output_dir)
        skip = set(source.get("skip", []))
        for entry in sorted(os.listdir(app_dir)):
            if any(fnmatch.fnmatch(entry, pattern) for pattern in args.skip_glob):
                skip.add(entry)
        if skip:
            source["skip"] = sorted(skip)
            notes.append(f"app source without {', '.join(sorted(skip))}")

    os.makedirs(output_dir, exist_ok=True)
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=4, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, args.output)
    print(f"{args.output}: " + ("; ".join(notes) if notes else "unchanged"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
