#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks Vigie's Flatpak manifest for the rules flatpak-builder itself does
# not enforce: the exact sandbox permissions, /app/lib as libdir, and every
# source pinned (archive/file by url + sha256, git by commit). A local "dir"
# source is only allowed for the last module, the app itself.
#
# Usage: check-manifest.py MANIFEST.json
# Exit status: 0 when every check passes, 1 when one fails, 2 on bad usage.

import json
import os
import re
import sys

REQUIRED_KEYS = ("id", "runtime", "runtime-version", "sdk", "command")

ALLOWED_FINISH_ARGS = (
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
)

LIBDIR = "/app/lib"

BUILDSYSTEMS = ("autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake")

# Sources fetched from elsewhere, pinned by url + sha256.
CHECKSUMMED_TYPES = ("archive", "file", "extra-data")
# Sources whose content is written in the manifest or its directory.
LOCAL_TYPES = ("patch", "script", "shell", "inline")

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


class Checker:
    def __init__(self):
        self.problems = []
        self.modules = 0
        self.pinned = 0

    def fail(self, where, message):
        self.problems.append(f"{where}: {message}")

    def load_json(self, path, where):
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except OSError as e:
            self.fail(where, f"cannot read {path}: {e.strerror}")
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            self.fail(where, f"{path} is not valid JSON: {e}")
        return None

    def check_top_level(self, manifest, where):
        for key in REQUIRED_KEYS:
            value = manifest.get(key)
            if not isinstance(value, str) or not value.strip():
                self.fail(where, f"missing or empty '{key}'")

        args = manifest.get("finish-args")
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            self.fail(where, "'finish-args' must be a list of strings")
        else:
            for arg in sorted(set(args) - set(ALLOWED_FINISH_ARGS)):
                self.fail(where, f"finish-arg '{arg}' is not allowed")
            for arg in ALLOWED_FINISH_ARGS:
                if arg not in args:
                    self.fail(where, f"finish-arg '{arg}' is missing")
            for arg in sorted({a for a in args if args.count(a) > 1}):
                self.fail(where, f"finish-arg '{arg}' is listed more than once")

        build_options = manifest.get("build-options")
        libdir = build_options.get("libdir") if isinstance(build_options, dict) else None
        if libdir != LIBDIR:
            self.fail(where, f"top-level 'build-options.libdir' must be '{LIBDIR}' "
                             f"(found {json.dumps(libdir)})")

        modules = manifest.get("modules")
        if not isinstance(modules, list) or not modules:
            self.fail(where, "'modules' must be a non-empty list")
            return
        self.check_modules(modules, os.path.dirname(self.manifest_path), where,
                           top_level=True, seen=set())

    def check_modules(self, modules, base_dir, where, top_level, seen):
        if not isinstance(modules, list):
            self.fail(where, "'modules' must be a list")
            return
        for index, module in enumerate(modules):
            app_module = top_level and index == len(modules) - 1
            self.check_module(module, base_dir, f"{where}: modules[{index}]",
                              app_module, seen)

    def check_module(self, module, base_dir, where, app_module, seen):
        if isinstance(module, str):
            # An included module file, relative to the file that names it.
            path = os.path.normpath(os.path.join(base_dir, module))
            where = f"{where} ({module})"
            if not path.endswith(".json"):
                self.fail(where, "only JSON module files can be checked")
                return
            if path in seen:
                self.fail(where, "module file includes itself")
                return
            module = self.load_json(path, where)
            if module is None:
                return
            base_dir = os.path.dirname(path)
            seen = seen | {path}

        if not isinstance(module, dict):
            self.fail(where, "a module must be an object or a file name")
            return

        self.modules += 1
        name = module.get("name")
        if not isinstance(name, str) or not name:
            self.fail(where, "module has no 'name'")
        else:
            where = f"{where} '{name}'"

        buildsystem = module.get("buildsystem", "autotools")
        if buildsystem not in BUILDSYSTEMS:
            self.fail(where, f"unknown buildsystem {json.dumps(buildsystem)}")

        sources = module.get("sources", [])
        if not isinstance(sources, list):
            self.fail(where, "'sources' must be a list")
        else:
            for index, source in enumerate(sources):
                self.check_source_entry(source, base_dir, f"{where}: sources[{index}]",
                                        app_module, seen)

        if "modules" in module:
            self.check_modules(module["modules"], base_dir, where,
                               top_level=False, seen=seen)

    def check_source_entry(self, source, base_dir, where, app_module, seen):
        if isinstance(source, str):
            # A file holding one source or a list of them.
            path = os.path.normpath(os.path.join(base_dir, source))
            where = f"{where} ({source})"
            if path in seen:
                self.fail(where, "source file includes itself")
                return
            loaded = self.load_json(path, where)
            if loaded is None:
                return
            entries = loaded if isinstance(loaded, list) else [loaded]
            for index, entry in enumerate(entries):
                self.check_source_entry(entry, os.path.dirname(path),
                                        f"{where}[{index}]", app_module,
                                        seen | {path})
            return
        self.check_source(source, where, app_module)

    def check_source(self, source, where, app_module):
        if not isinstance(source, dict):
            self.fail(where, "a source must be an object or a file name")
            return
        kind = source.get("type")

        if kind in CHECKSUMMED_TYPES:
            url = source.get("url")
            sha256 = source.get("sha256")
            if not isinstance(url, str) or not url:
                self.fail(where, f"{kind} source has no 'url'")
            if not isinstance(sha256, str) or not sha256:
                self.fail(where, f"{kind} source has no 'sha256'")
            elif not SHA256_RE.match(sha256):
                self.fail(where, f"'sha256' is not 64 lower-case hex digits: {sha256!r}")
            if isinstance(url, str) and url and isinstance(sha256, str) \
                    and SHA256_RE.match(sha256):
                self.pinned += 1
        elif kind == "git":
            commit = source.get("commit")
            if not isinstance(source.get("url"), str) or not source.get("url"):
                self.fail(where, "git source has no 'url'")
            if not isinstance(commit, str) or not commit:
                self.fail(where, "git source has no 'commit'")
            elif not COMMIT_RE.match(commit):
                self.fail(where, f"'commit' is not 40 lower-case hex digits: {commit!r}")
            else:
                self.pinned += 1
            tag = source.get("tag")
            if tag is not None and (not isinstance(tag, str) or not tag):
                self.fail(where, "'tag' must be a non-empty string")
        elif kind == "dir":
            if not app_module:
                self.fail(where, "'dir' sources are only allowed in the last (app) module")
            if not isinstance(source.get("path"), str) or not source.get("path"):
                self.fail(where, "dir source has no 'path'")
        elif kind in LOCAL_TYPES:
            pass
        elif kind is None:
            self.fail(where, "source has no 'type'")
        else:
            self.fail(where, f"source type {json.dumps(kind)} cannot be checked as pinned")

    def run(self, manifest_path):
        self.manifest_path = manifest_path
        where = manifest_path
        manifest = self.load_json(manifest_path, where)
        if manifest is None:
            return
        if not isinstance(manifest, dict):
            self.fail(where, "the manifest must be a JSON object")
            return
        self.check_top_level(manifest, where)


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(f"usage: {os.path.basename(argv[0])} MANIFEST.json", file=sys.stderr)
        return 2

    checker = Checker()
    checker.run(argv[1])
    if checker.problems:
        for problem in checker.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(checker.problems)} problem(s) found", file=sys.stderr)
        return 1

    print(f"ok: {checker.modules} modules, {checker.pinned} sources pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
