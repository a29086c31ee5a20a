#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validates a Flatpak manifest against flatpak-builder's own JSON Schema
# (flatpak/schema/). This catches what flatpak-builder --show-manifest lets
# through even with fatal warnings: a bad buildsystem, a missing id.
#
# Usage: check-schema.py SCHEMA.json MANIFEST.json
# Exit status: 0 when the manifest is valid, 1 when not, 2 on bad usage or
# when python3-jsonschema is missing.

import json
import sys

try:
    import jsonschema
except ImportError:
    print("error: python3-jsonschema is not installed (tools/install-deps)",
          file=sys.stderr)
    sys.exit(2)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) != 3:
        print("usage: check-schema.py SCHEMA.json MANIFEST.json", file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
    except (OSError, ValueError) as e:
        print(f"error: cannot read the schema {argv[1]}: {e}", file=sys.stderr)
        return 2
    try:
        manifest = load(argv[2])
    except (OSError, ValueError) as e:
        print(f"error: {argv[2]}: {e}", file=sys.stderr)
        return 1

    # The schema says draft-07; pick the validator it names so that a newer
    # copy of the schema keeps working.
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    validator = cls(schema)

    # best_match() alone would hide all but one problem: print them all,
    # deepest first, with where they are in the manifest.
    errors = sorted(validator.iter_errors(manifest),
                    key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        if error.context:
            # An anyOf/oneOf failure repeats the whole value: name the
            # branch that came closest instead.
            best = jsonschema.exceptions.best_match(error.context)
            message = f"matches no allowed form ({error.validator}); closest: {best.message}"
        else:
            message = error.message
        if len(message) > 300:
            message = message[:300] + "…"
        print(f"error: {argv[2]}: {where}: {message}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} schema error(s)", file=sys.stderr)
        return 1

    print(f"ok: {argv[2]} is valid against {schema.get('title', argv[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
