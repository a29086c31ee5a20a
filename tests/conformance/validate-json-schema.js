// SPDX-License-Identifier: GPL-3.0-or-later
//
// Validates JSON documents against JSON Schemas with ajv (draft-07 or
// 2020-12, by the schema's own $schema). Used by check-simulator.py.
//
//   node validate-json-schema.js NODE_MODULES STUBS_JSON SCHEMA DOCUMENT [SCHEMA DOCUMENT]...
//
// STUBS_JSON maps remote $ref addresses (which the tests cannot fetch) to
// local schemas. Prints one line per document; exits 1 if any is invalid.
'use strict';

const fs = require('fs');
const path = require('path');

const [modules, stubsFile, ...pairs] = process.argv.slice(2);
const Ajv = require(path.join(modules, 'ajv')).default;
const Ajv2020 = require(path.join(modules, 'ajv', 'dist', '2020')).default;
const addFormats = require(path.join(modules, 'ajv-formats'));
const stubs = JSON.parse(fs.readFileSync(stubsFile, 'utf8'));

let failed = 0;
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const schema = JSON.parse(fs.readFileSync(pairs[i], 'utf8'));
  const document = JSON.parse(fs.readFileSync(pairs[i + 1], 'utf8'));
  const is2020 = String(schema.$schema || '').includes('2020-12');
  const ajv = is2020 ? new Ajv2020({ strict: false, allErrors: true })
                     : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const [id, stub] of Object.entries(stubs))
    ajv.addSchema(stub, id);
  const validate = ajv.compile(schema);
  const items = Array.isArray(document) ? document : [document];
  let bad = 0;
  for (const item of items) {
    if (!validate(item)) {
      bad++;
      if (bad <= 3)
        console.log(`${pairs[i + 1]}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  if (bad > 0)
    failed++;
  console.log(`${bad === 0 ? 'valid' : 'INVALID'} ${path.basename(pairs[i + 1])} ` +
              `(${items.length} item${items.length > 1 ? 's' : ''}) against ${path.basename(pairs[i])}`);
}
process.exit(failed > 0 ? 1 : 0);
