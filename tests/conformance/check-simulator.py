#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Conformance of the demo-city simulator (src/sim/) against the official
# schemas kept in ../shared/schemas, with independent tools:
#
#   check-simulator.py CHECK SIMULATOR SOURCE_ROOT
#
#   gbfs-2.3, gbfs-3.0  every GBFS document validates with ajv (npm) against
#                       MobilityData's JSON Schemas
#   ngsi-ld             parking entities against the smart-data-models schemas
#   gtfs-rt             VehiclePositions decode with protoc --decode
#                       (Debian's protobuf-compiler) and Google's proto
#   same-seed           two simulators, same seed and time: same bytes
#
# Exits 77 (skipped) with a reason when ../shared or a tool is absent, as
# in a user's clone; with CI=true a missing tool (node, ajv, protoc) fails
# instead, so that CI cannot pass without validating. same-seed needs
# neither. ajv is looked up in $VIGIE_NODE_MODULES, then in node's own path.

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

CHECK, SIMULATOR, SOURCE_ROOT = sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('VIGIE_SHARED_DIR', os.path.join(SOURCE_ROOT, '..', 'shared'))
SCHEMAS = os.path.join(SHARED, 'schemas')
TIME = '2026-11-24T08:30:00+01:00'
SEED = '7'

GBFS_BIKES = ['gbfs', 'fr/system_information', 'fr/station_information', 'fr/station_status', 'fr/vehicle_types']
GBFS_CARS = ['gbfs', 'system_information', 'station_information', 'station_status', 'vehicle_types', 'vehicle_status']


def skip(reason):
    print(f'SKIP: {reason}')
    sys.exit(77)


def fail(reason):
    print(f'FAIL: {reason}')
    sys.exit(1)


def missing_tool(reason):
    if os.environ.get('CI') == 'true':
        fail(f'{reason} (CI=true: the validator must run)')
    skip(reason)


def need_schemas():
    if not os.path.isdir(SCHEMAS):
        skip(f'{SCHEMAS} is absent (a user\'s clone): the official schemas are not shipped with Vigie')


class Simulator:
    def __init__(self, *extra):
        self.process = subprocess.Popen([SIMULATOR, '--port', '0', '--seed', SEED, '--time', TIME, *extra],
                                        stdout=subprocess.PIPE, text=True)
        self.url = None
        for line in self.process.stdout:
            if line.startswith('url: '):
                self.url = line[5:].strip()
                break
        if self.url is None:
            fail('the simulator printed no address')

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read()

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def find_node_modules():
    candidates = [os.environ.get('VIGIE_NODE_MODULES', '')]
    if shutil.which('node'):
        root = subprocess.run(['npm', 'root', '-g'], capture_output=True, text=True) if shutil.which('npm') else None
        if root is not None and root.returncode == 0:
            candidates.append(root.stdout.strip())
    for candidate in candidates:
        if candidate and os.path.isdir(os.path.join(candidate, 'ajv')) and \
                os.path.isdir(os.path.join(candidate, 'ajv-formats')):
            return candidate
    return None


def validate(pairs, stubs=None):
    if not shutil.which('node'):
        missing_tool('node is not installed (Debian: nodejs npm)')
    modules = find_node_modules()
    if modules is None:
        missing_tool('ajv is not installed: npm install --prefix BUILD ajv@8 ajv-formats@2 and set VIGIE_NODE_MODULES')
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        stubs_file = os.path.join(tmp, 'stubs.json')
        with open(stubs_file, 'w') as f:
            json.dump(stubs or {}, f)
        for i, (schema, body) in enumerate(pairs):
            name = os.path.join(tmp, f'{i:02d}-{os.path.basename(schema)}')
            with open(name, 'wb') as f:
                f.write(body)
            args += [schema, name]
        result = subprocess.run(['node', os.path.join(HERE, 'validate-json-schema.js'), modules, stubs_file, *args],
                                capture_output=True, text=True)
        print(result.stdout, end='')
        print(result.stderr, end='', file=sys.stderr)
        if result.returncode != 0:
            fail('documents do not validate')


def check_gbfs(version):
    need_schemas()
    schema_dir = os.path.join(SCHEMAS, f'gbfs-json-schema-v{version}')
    prefix, documents = ('gbfs/velocite/', GBFS_BIKES) if version == '2.3' else ('gbfs/citiz/', GBFS_CARS)
    pairs = []
    for scale in ('1', '3'):
        sim = Simulator('--scale', scale)
        try:
            for doc in documents:
                schema = os.path.join(schema_dir, os.path.basename(doc) + '.json')
                pairs.append((schema, sim.get(prefix + doc + '.json')))
        finally:
            sim.close()
    validate(pairs)


def check_ngsi_ld():
    need_schemas()
    # The common definitions live on the web; permissive stand-ins here.
    stubs = {'https://smart-data-models.github.io/data-models/common-schema.json':
             {'$id': 'https://smart-data-models.github.io/data-models/common-schema.json',
              'definitions': {'GSMA-Commons': {}, 'Location-Commons': {}}}}
    sim = Simulator()
    try:
        on = sim.get('ngsi-ld/v1/entities?type=OnStreetParking&options=keyValues&limit=1000')
        off = sim.get('ngsi-ld/v1/entities?type=OffStreetParking&options=keyValues&limit=1000')
    finally:
        sim.close()
    validate([(os.path.join(SCHEMAS, 'smartdatamodels_OnStreetParking_schema.json'), on),
              (os.path.join(SCHEMAS, 'smartdatamodels_OffStreetParking_schema.json'), off)], stubs)


def check_gtfs_rt():
    need_schemas()
    protoc = shutil.which('protoc')
    if protoc is None:
        missing_tool('protoc is not installed (Debian: protobuf-compiler)')
    sim = Simulator()
    try:
        body = sim.get('gtfs-rt/vehicle-positions.pb')
    finally:
        sim.close()
    result = subprocess.run([protoc, '-I', SCHEMAS, '--decode=transit_realtime.FeedMessage', 'gtfs-realtime.proto'],
                            input=body, capture_output=True)
    if result.returncode != 0:
        fail('protoc cannot decode the feed: ' + result.stderr.decode(errors='replace'))
    text = result.stdout.decode()
    entities = text.count('\nentity {')
    print(text[:600])
    print(f'{entities} entities decoded')
    if 'gtfs_realtime_version: "2.0"' not in text or entities == 0:
        fail('no header or no entity')
    if text.count('position {') != entities:
        fail('an entity without a position')


def check_same_seed():
    paths = ['gtfs/gtfs.zip', 'gtfs-rt/vehicle-positions.pb', 'siri-lite/vehicle-monitoring.json',
             'gbfs/velocite/fr/station_status.json', 'gbfs/citiz/vehicle_status.json',
             'ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking', 'wifi/hotspots.geojson']
    a, b = Simulator(), Simulator()
    try:
        for path in paths:
            if a.get(path) != b.get(path):
                fail(f'{path} differs between two runs with seed {SEED}')
            print(f'same bytes: {path}')
    finally:
        a.close()
        b.close()


{'gbfs-2.3': lambda: check_gbfs('2.3'),
 'gbfs-3.0': lambda: check_gbfs('3.0'),
 'ngsi-ld': check_ngsi_ld,
 'gtfs-rt': check_gtfs_rt,
 'same-seed': check_same_seed}[CHECK]()
