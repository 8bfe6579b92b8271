'use strict';
// `--format sarif` validates against the SARIF 2.1.0 JSON schema (test/fixtures/
// sarif-schema-2.1.0.json, see the README there), for the Rust CLI and the npm package alike,
// on findings, fixes, suppressions and syntax-error notifications. Invalid documents must fail,
// so the validator is known to be doing its job.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, it, before } = require('node:test');

const { remove, run, tree, VULNERABLE } = require('./helpers');

const SCHEMA_PATH = path.join(__dirname, 'fixtures', 'sarif-schema-2.1.0.json');

let validate;

before(() => {
  const Ajv2020 = require('ajv/dist/2020').default;
  const addFormats = require('ajv-formats').default;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0 JSON Schema/);
  // strict: false because the schema uses draft-07 style `definitions`, which Ajv's strict mode
  // flags; every keyword is still applied.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
});

function errorsOf(log) {
  return validate(log) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}

function assertValid(log, what) {
  assert.deepEqual(errorsOf(log), [], `${what} is not valid SARIF 2.1.0`);
}

describe('SARIF 2.1.0 schema', () => {
  const inputs = {
    'app/vulnerable.ts': VULNERABLE,
    'app/suppressed.ts': VULNERABLE.replace(
      'export async',
      '// actiongate-ignore missing-authn: demo data, reset nightly\nexport async',
    ),
    'app/broken.ts': `${VULNERABLE}const = ;\n`,
    'app/binary.ts': Buffer.from([0, 1, 2]),
    'app/my actions #1.ts': VULNERABLE,
  };

  for (const impl of ['rust', 'node']) {
    it(`${impl}: the repository's fixtures`, () => {
      const result = run(impl, ['check', 'tests/fixtures', 'crates/cli/tests/fixtures', '--format', 'sarif']);
      const log = JSON.parse(result.stdout);
      assert.ok(log.runs[0].results.length > 10);
      assert.ok(log.runs[0].results.some((r) => r.fixes), 'fixes are covered');
      assert.ok(log.runs[0].results.some((r) => r.suppressions), 'suppressions are covered');
      assertValid(log, `${impl} fixtures`);
    });

    it(`${impl}: syntax errors, unreadable files, odd file names, standard input`, (t) => {
      const dir = tree(inputs);
      t.after(() => remove(dir));
      const log = JSON.parse(run(impl, ['check', 'app', '--format', 'sarif'], { cwd: dir }).stdout);
      const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
      assert.ok(notifications.length >= 2, JSON.stringify(notifications));
      assertValid(log, `${impl} broken inputs`);
      const stdin = JSON.parse(run(impl, ['check', '-', '--format', 'sarif'], { input: VULNERABLE }).stdout);
      assertValid(stdin, `${impl} standard input`);
      const empty = JSON.parse(run(impl, ['check', 'app/binary.ts', '--format', 'sarif'], { cwd: dir }).stdout);
      assertValid(empty, `${impl} no results`);
    });
  }

  it('rejects invalid documents', () => {
    const log = JSON.parse(run('rust', ['check', 'crates/cli/tests/fixtures', '--format', 'sarif']).stdout);
    assertValid(log, 'the base document');
    const broken = [
      ['no version', (l) => delete l.version],
      ['wrong version', (l) => { l.version = '2.0.0'; }],
      ['runs is not an array', (l) => { l.runs = {}; }],
      ['no tool', (l) => delete l.runs[0].tool],
      ['driver without a name', (l) => delete l.runs[0].tool.driver.name],
      ['unknown level', (l) => { l.runs[0].results[0].level = 'fatal'; }],
      ['result without a message', (l) => delete l.runs[0].results[0].message],
      ['line 0', (l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }],
      ['unknown property', (l) => { l.runs[0].results[0].locations[0].physicalLocation.bogus = 1; }],
      ['unknown column kind', (l) => { l.runs[0].columnKind = 'bytes'; }],
      ['replacement without a region', (l) => {
        const fixed = l.runs[0].results.find((r) => r.fixes);
        delete fixed.fixes[0].artifactChanges[0].replacements[0].deletedRegion;
      }],
      ['bad suppression kind', (l) => {
        const s = l.runs[0].results.find((r) => r.suppressions);
        s.suppressions[0].kind = 'sometimes';
      }],
      ['$schema not a URI', (l) => { l.$schema = 'not a uri'; }],
    ];
    for (const [what, mutate] of broken) {
      const copy = structuredClone(log);
      mutate(copy);
      assert.notDeepEqual(errorsOf(copy), [], `${what}: the schema must reject it`);
    }
  });
});
