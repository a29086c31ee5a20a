#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Passes the manifest's finish-args through flatpak itself: `flatpak
# build-finish` on a dummy application directory (one empty command and a
# metadata file naming the runtime) exits 1 on an unknown socket, device,
# share, bus name or environment entry. No runtime is needed.
#
# Usage: check-finish-args.py FLATPAK MANIFEST.json
# Exit status: 0 when flatpak accepts every finish-arg, 1 when not, 2 on bad
# usage.

import json
import os
import platform
import subprocess
import sys
import tempfile

# flatpak names architectures its own way.
ARCHES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


def main(argv):
    if len(argv) != 3:
        print("usage: check-finish-args.py FLATPAK MANIFEST.json", file=sys.stderr)
        return 2
    flatpak, manifest_path = argv[1], argv[2]
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        app_id = manifest["id"]
        command = manifest["command"]
        runtime = manifest["runtime"]
        sdk = manifest["sdk"]
        branch = manifest["runtime-version"]
        args = manifest.get("finish-args", [])
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"error: {manifest_path}: cannot read id, command, runtime, sdk, "
              f"runtime-version, finish-args: {e!r}", file=sys.stderr)
        return 1
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        print(f"error: {manifest_path}: finish-args must be a list of strings",
              file=sys.stderr)
        return 1

    arch = ARCHES.get(platform.machine(), platform.machine())
    with tempfile.TemporaryDirectory(prefix="vigie-finish-args-") as tmp:
        app_dir = os.path.join(tmp, "app")
        bin_dir = os.path.join(app_dir, "files", "bin")
        os.makedirs(bin_dir)
        command_path = os.path.join(bin_dir, os.path.basename(command))
        with open(command_path, "w", encoding="utf-8") as f:
            f.write("#!/bin/sh\n")
        os.chmod(command_path, 0o755)
        with open(os.path.join(app_dir, "metadata"), "w", encoding="utf-8") as f:
            f.write("[Application]\n"
                    f"name={app_id}\n"
                    f"runtime={runtime}/{arch}/{branch}\n"
                    f"sdk={sdk}/{arch}/{branch}\n")

        result = subprocess.run(
            [flatpak, "build-finish", app_dir, f"--command={command}", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            # flatpak must not look at the host's installations.
            env={**os.environ, "FLATPAK_USER_DIR": os.path.join(tmp, "user"),
                 "FLATPAK_SYSTEM_DIR": os.path.join(tmp, "system")})
        if result.returncode != 0:
            print(result.stdout.strip(), file=sys.stderr)
            print(f"error: {manifest_path}: flatpak build-finish rejects the finish-args",
                  file=sys.stderr)
            return 1

        with open(os.path.join(app_dir, "metadata"), encoding="utf-8") as f:
            metadata = f.read()
    context = metadata[metadata.find("[Context]"):].strip() if "[Context]" in metadata else ""
    print(f"ok: flatpak accepts {len(args)} finish-args")
    if context:
        print(context)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
