// bench-ingest.js
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The reference side of bench-ingest: the same files decoded by Node, with
// gtfs-realtime-bindings (protobufjs) and JSON.parse, each followed by a
// walk that reads every field Vigie reads. Run by bench-ingest itself:
//   node bench-ingest.js NODE_MODULES FEED.pb STATUS.json INFORMATION.json ITERATIONS
// Prints one JSON line: the milliseconds of every run, after warm-up runs.

'use strict';

const fs = require('fs');
const path = require('path');

const [modules, pbPath, statusPath, infoPath, iterationsArg] = process.argv.slice(2);
const bindings = require(path.join(modules, 'gtfs-realtime-bindings'));
const FeedMessage = bindings.transit_realtime.FeedMessage;
const iterations = Number(iterationsArg);
const WARMUP = 5;

const pb = fs.readFileSync(pbPath);
const status = fs.readFileSync(statusPath);
const info = fs.readFileSync(infoPath);

let sink = 0;

function timeIt(fn) {
  const samples = [];
  for (let i = 0; i < WARMUP + iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= WARMUP)
      samples.push(ms);
  }
  return samples;
}

function num(v) {
  // protobufjs gives uint64 as Long when the long package is there.
  return v == null ? 0 : (typeof v === 'number' ? v : v.toNumber());
}

function decodeAndWalkGtfsRt() {
  const message = FeedMessage.decode(pb);
  let n = 0;
  sink += num(message.header.timestamp);
  for (const entity of message.entity) {
    const v = entity.vehicle;
    if (!v || !v.position)
      continue;
    n += entity.id.length;
    if (v.vehicle)
      n += v.vehicle.id.length + v.vehicle.label.length;
    if (v.trip)
      n += v.trip.tripId.length + v.trip.routeId.length + v.trip.directionId + v.trip.startDate.length;
    sink += v.position.latitude + v.position.longitude + v.position.bearing + v.position.speed;
    n += v.currentStopSequence + v.stopId.length + v.currentStatus + v.occupancyStatus;
    sink += num(v.timestamp);
  }
  sink += n;
}

function parseAndWalkStatus(text) {
  const doc = JSON.parse(text);
  let n = num(doc.last_updated) + doc.ttl;
  for (const s of doc.data.stations) {
    n += s.station_id.length + s.num_bikes_available + s.num_docks_available + s.last_reported;
    n += (s.is_installed ? 1 : 0) + (s.is_renting ? 2 : 0) + (s.is_returning ? 4 : 0);
  }
  sink += n;
  return doc;
}

// The station information, as an app keeps it between status updates.
const byId = new Map();
for (const s of JSON.parse(info.toString('utf8')).data.stations)
  byId.set(s.station_id, s);

function parseWalkAndJoin() {
  const doc = JSON.parse(status.toString('utf8'));
  const joined = [];
  for (const s of doc.data.stations) {
    const i = byId.get(s.station_id);
    if (!i)
      continue;
    joined.push({
      id: s.station_id, name: i.name, lat: i.lat, lon: i.lon, capacity: i.capacity,
      bikes: s.num_bikes_available, docks: s.num_docks_available,
      installed: s.is_installed, renting: s.is_renting, returning: s.is_returning,
      reported: s.last_reported,
    });
  }
  sink += joined.length;
}

const result = {
  node: process.version,
  bindings: require(path.join(modules, 'gtfs-realtime-bindings', 'package.json')).version,
  gtfs_rt: timeIt(decodeAndWalkGtfsRt),
  json: timeIt(() => parseAndWalkStatus(status.toString('utf8'))),
  json_join: timeIt(parseWalkAndJoin),
  sink,
};
process.stdout.write(JSON.stringify(result) + '\n');
