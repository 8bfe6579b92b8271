'use strict';
// The JavaScript API: `analyze()` agrees with the Rust CLI's JSON on every fixture, its results
// are plain objects with exactly the documented fields (they survive a JSON round trip, and
// TypeScript accepts index.d.ts and a program using it), and mistakes throw helpful errors.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, it } = require('node:test');

const actiongate = require('..');
const { filesUnder, NPM_DIR, REPO, run, VULNERABLE } = require('./helpers');

const FINDING_KEYS = [
  'action',
  'column',
  'cwe',
  'end_column',
  'end_line',
  'file',
  'fix',
  'help',
  'line',
  'message',
  'rule',
  'severity',
];
const RANGE_KEYS = ['column', 'end_column', 'end_line', 'line'];

function keys(object) {
  return Object.keys(object).sort();
}

function isPlain(value) {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlain);
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlain);
}

/** Checks a result against index.d.ts's AnalyzeResult, field by field. */
function assertShape(result) {
  assert.deepEqual(keys(result), ['actions', 'assumptions', 'errors', 'file', 'findings', 'fixedSource', 'suppressed']);
  assert.equal(typeof result.file, 'string');
  assert.equal(typeof result.fixedSource, 'string');
  for (const a of result.actions) {
    assert.deepEqual(keys(a), ['kind', 'line', 'name']);
    assert.equal(typeof a.name, 'string');
    assert.equal(typeof a.kind, 'string');
    assert.ok(Number.isInteger(a.line) && a.line >= 1);
  }
  for (const e of result.errors) {
    assert.deepEqual(keys(e), ['message', ...RANGE_KEYS].sort());
  }
  const ruleIds = actiongate.rules().map((r) => r.id);
  const check = (f, extra) => {
    assert.deepEqual(keys(f), [...FINDING_KEYS, ...extra].sort());
    assert.ok(ruleIds.includes(f.rule), f.rule);
    assert.ok(['low', 'medium', 'high'].includes(f.severity));
    assert.match(f.cwe, /^CWE-\d+$/);
    for (const k of RANGE_KEYS) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, k);
    if (f.fix !== null) {
      assert.deepEqual(keys(f.fix), ['closes', 'edits', 'remaining']);
      assert.ok(f.fix.closes.every((r) => typeof r === 'string'));
      for (const g of f.fix.remaining) {
        assert.deepEqual(keys(g), ['reason', 'rule']);
      }
      for (const e of f.fix.edits) {
        assert.deepEqual(keys(e), ['end', 'start', 'text']);
        assert.ok(e.start <= e.end);
      }
    }
  };
  for (const f of result.findings) check(f, []);
  for (const f of result.suppressed) check(f, ['reason']);
  assert.ok(isPlain(result), 'only plain objects, arrays and primitives');
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'JSON round trip');
}

describe('analyze()', () => {
  const fixtures = ['tests/fixtures', 'crates/cli/tests/fixtures'].flatMap((d) =>
    filesUnder(path.join(REPO, d)),
  );
  for (const rel of fixtures) {
    it(`equals the CLI's JSON: ${rel}`, () => {
      const cli = JSON.parse(run('rust', ['check', rel, '--format', 'json']).stdout);
      const absolute = fs.realpathSync(path.join(REPO, rel));
      // No fixture lies in a project (no package.json or tsconfig.json above it), so the CLI
      // resolves no import either.
      const result = actiongate.analyze(fs.readFileSync(absolute, 'utf8'), { fileName: absolute });
      assertShape(result);
      const asCli = (f) => ({ ...f, file: rel });
      assert.deepEqual(result.findings.map(asCli), cli.findings);
      assert.deepEqual(result.suppressed.map(asCli), cli.suppressed);
      assert.deepEqual(result.errors, cli.files[0].errors);
      assert.deepEqual(result.actions.map((a) => a.name), cli.files[0].actions);
    });
  }

  it('returns the fixed source, which the edits produce', () => {
    const result = actiongate.analyze(VULNERABLE, { fileName: 'app/actions.ts' });
    assertShape(result);
    assert.equal(result.file, 'app/actions.ts');
    assert.equal(result.findings.length, 1);
    const [finding] = result.findings;
    assert.equal(finding.rule, 'missing-authn');
    const bytes = Buffer.from(VULNERABLE, 'utf8');
    let fixed = Buffer.alloc(0);
    let at = 0;
    for (const e of finding.fix.edits) {
      fixed = Buffer.concat([fixed, bytes.subarray(at, e.start), Buffer.from(e.text, 'utf8')]);
      at = e.end;
    }
    fixed = Buffer.concat([fixed, bytes.subarray(at)]);
    assert.equal(fixed.toString('utf8'), result.fixedSource);
    assert.match(result.fixedSource, /auth\(\)/);
  });

  it('counts columns in UTF-16 code units and edits in UTF-8 bytes', () => {
    // é is 2 UTF-8 bytes and 1 UTF-16 unit; 😀 is 4 bytes and 2 units.
    const source = `// é😀 comment\n${VULNERABLE.replace('(id: string) {', '(id: string) { const s = "é😀";')}`;
    const [finding] = actiongate.analyze(source).findings;
    const line = source.split('\n')[2];
    // JavaScript strings are UTF-16: the column indexes the line directly.
    assert.ok(line.slice(finding.column - 1).startsWith('db.post.delete('), line.slice(finding.column - 1));
    // The edits apply to the UTF-8 bytes and give the fixed source...
    const bytes = Buffer.from(source, 'utf8');
    const parts = [];
    let at = 0;
    for (const e of finding.fix.edits) {
      parts.push(bytes.subarray(at, e.start), Buffer.from(e.text, 'utf8'));
      at = e.end;
    }
    parts.push(bytes.subarray(at));
    const result = actiongate.analyze(source);
    assert.equal(result.findings.length, 1);
    assert.equal(Buffer.concat(parts).toString('utf8'), result.fixedSource);
    // ...which applying them to the UTF-16 string would not.
    let wrong = source;
    for (const e of [...finding.fix.edits].reverse()) {
      wrong = wrong.slice(0, e.start) + e.text + wrong.slice(e.end);
    }
    assert.notEqual(wrong, result.fixedSource);
  });

  it('defaults to input.ts and the default configuration', () => {
    const result = actiongate.analyze(VULNERABLE);
    assert.equal(result.file, 'input.ts');
    assert.equal(result.findings[0].file, 'input.ts');
    assert.deepEqual(actiongate.analyze(VULNERABLE, null).findings, result.findings);
  });

  it('applies a configuration', () => {
    const off = actiongate.analyze(VULNERABLE, { config: 'disable = ["missing-authn"]' });
    assert.deepEqual(off.findings, []);
    const pub = actiongate.analyze(VULNERABLE, { config: 'public_actions = ["deletePost"]' });
    assert.ok(!pub.findings.some((f) => f.rule === 'missing-authn'));
    // A project's own guard that throws when there is no member.
    const guarded = `"use server";
export async function deletePost(id: string) {
  const member = await checkTeamMember();
  await db.post.deleteMany({ where: { id, teamId: member.teamId } });
}
`;
    const rulesOf = (r) => r.findings.map((f) => f.rule);
    assert.deepEqual(rulesOf(actiongate.analyze(guarded)), ['missing-authn']);
    assert.deepEqual(
      rulesOf(actiongate.analyze(guarded, { config: 'fail_closed_guards = ["checkTeamMember"]' })),
      [],
    );
    // A custom sink.
    const sink = '"use server";\nexport async function refund(id: string) {\n  await audit.record(id);\n}\n';
    assert.deepEqual(rulesOf(actiongate.analyze(sink)), []);
    assert.deepEqual(
      rulesOf(actiongate.analyze(sink, { config: 'sinks = ["audit.record"]' })),
      ['missing-authn', 'unvalidated-input'],
    );
  });

  it('reports syntax errors and still analyses the rest', () => {
    const result = actiongate.analyze(`${VULNERABLE}const = ;\n`);
    assertShape(result);
    assert.equal(result.errors.length >= 1, true);
    assert.equal(result.errors[0].line, 3);
    assert.equal(result.findings[0].rule, 'missing-authn');
  });

  it('lists suppressed findings with their reason', () => {
    const source = VULNERABLE.replace(
      'export async',
      '// actiongate-ignore missing-authn: demo data, reset nightly\nexport async',
    );
    const result = actiongate.analyze(source);
    assertShape(result);
    assert.deepEqual(result.findings, []);
    assert.equal(result.suppressed[0].reason, 'demo data, reset nightly');
  });

  it('resolves imports through loadModule', () => {
    const action = `"use server";
import { requireSession } from "@/lib/auth";
export async function deletePost(id: string) {
  const session = await requireSession();
  await db.post.deleteMany({ where: { id, authorId: session?.user?.id } });
}
`;
    const calls = [];
    const loadModule = (importer, specifier) => {
      calls.push([importer, specifier]);
      return specifier === '@/lib/auth'
        ? {
            path: '/project/lib/auth.ts',
            source:
              'export async function requireSession() { const s = await auth(); if (!s) return null; return s }\n',
          }
        : null;
    };
    const result = actiongate.analyze(action, { fileName: '/project/app/actions.ts', loadModule });
    assert.deepEqual(calls[0], ['/project/app/actions.ts', '@/lib/auth']);
    assert.deepEqual(result.findings.map((f) => f.rule), ['unchecked-session']);
    // A loader that throws or returns junk is treated as "not found".
    for (const bad of [() => { throw new Error('x'); }, () => 42, () => ({ path: 1 })]) {
      assertShape(actiongate.analyze(action, { fileName: '/p/a.ts', loadModule: bad }));
    }
  });

  it('throws helpful errors', () => {
    assert.throws(() => actiongate.analyze(42), {
      name: 'TypeError',
      message: 'analyze(): source must be a string (the file\'s text), got number',
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, 'a.ts'), {
      name: 'TypeError',
      message: /options must be an object like \{ fileName/,
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { filename: 'a.ts' }), {
      name: 'TypeError',
      message: 'analyze(): unknown option `filename` (the options are fileName, config and loadModule)',
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { fileName: 3 }), {
      name: 'TypeError',
      message: /options\.fileName must be a string/,
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { config: { disable: [] } }), {
      name: 'TypeError',
      message: /options\.config must be the text of an actiongate\.toml/,
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { loadModule: 'x' }), {
      name: 'TypeError',
      message: /options\.loadModule must be a function/,
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { config: 'disable = ["nope"]' }), {
      name: 'Error',
      message: /^invalid actiongate\.toml: unknown rule `nope` in `disable`/,
    });
    assert.throws(() => actiongate.analyze(VULNERABLE, { config: 'gaurds = []' }), {
      message: /^invalid actiongate\.toml: .*unknown field `gaurds`/s,
    });
    assert.throws(() => actiongate.validateConfig('disable = ['), { message: /^invalid actiongate\.toml/ });
    assert.throws(() => actiongate.validateConfig(1), { name: 'TypeError' });
    actiongate.validateConfig('guards = ["requireTeamMember"]\n[fix]\nsession_call = "await auth()"\n');
  });
});

describe('crashes', () => {
  it('a panic inside the engine becomes an error with its message, and the engine goes on', () => {
    const { wasm, isTrap, crashDetail } = require('../lib/engine');
    let caught;
    try {
      wasm.__testPanic('deliberate panic for the test');
    } catch (err) {
      caught = err;
    }
    assert.ok(isTrap(caught), String(caught));
    assert.equal(crashDetail(caught), 'deliberate panic for the test');
    assert.equal(wasm.takePanic(), undefined, 'the message is taken once');
    assert.equal(actiongate.analyze(VULNERABLE).findings.length, 1);
  });
});

describe('a crash in the command', () => {
  it('reports the crashed file as an internal error and keeps the other results', (t) => {
    const { main } = require('../lib/cli');
    const engines = require('../lib/engine');
    const real = engines.freshEngine;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-crash-'));
    t.after(() => {
      engines.freshEngine = real;
      fs.rmSync(dir, { recursive: true, force: true });
    });
    fs.writeFileSync(path.join(dir, 'a.ts'), VULNERABLE);
    fs.writeFileSync(path.join(dir, 'b.ts'), VULNERABLE);
    const crashing = fs.realpathSync(path.join(dir, 'b.ts'));
    // The first attempt crashes while analysing b.ts, as a panic in the engine would.
    let attempts = 0;
    engines.freshEngine = (fresh) => {
      const wasm = real(fresh);
      attempts += 1;
      if (attempts > 1) return wasm;
      return {
        runCli: (args, host) => {
          host.analysing(crashing);
          throw new WebAssembly.RuntimeError('unreachable');
        },
        takePanic: () => 'deliberate panic for the test',
      };
    };
    let out = '';
    let err = '';
    const code = main(['check', '.', '--format', 'json'], {
      cwd: dir,
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
    });
    assert.equal(attempts, 2, 'one retry, on a fresh engine');
    assert.equal(code, 2, 'a crashed file is an I/O-class failure');
    const report = JSON.parse(out);
    assert.deepEqual(report.files.map((f) => f.file), ['a.ts', 'b.ts']);
    assert.equal(report.findings[0].file, 'a.ts', 'the other file is still analysed');
    assert.equal(
      report.files[1].errors[0].message,
      'internal error while analysing this file (deliberate panic for the test); please report it with the file',
    );
    assert.equal(err, '');
  });
});

describe('rules() and version', () => {
  it('lists every rule with its documentation', () => {
    const rules = actiongate.rules();
    const cli = run('rust', ['rules']).stdout;
    assert.ok(rules.length >= 9);
    for (const r of rules) {
      assert.deepEqual(keys(r), [
        'bad_example',
        'cwe',
        'cwe_url',
        'good_example',
        'how_to_fix',
        'id',
        'primary',
        'severity',
        'title',
        'what_it_does',
        'why_is_this_bad',
      ]);
      assert.ok(cli.includes(r.id) && cli.includes(r.title), r.id);
      assert.match(r.cwe_url, /^https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html$/);
    }
    assert.equal(rules.filter((r) => r.primary).length, 5);
    assert.deepEqual(JSON.parse(JSON.stringify(rules)), rules);
  });

  it('has the version of package.json and of the Rust CLI', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(NPM_DIR, 'package.json'), 'utf8'));
    assert.equal(actiongate.version, pkg.version);
    assert.equal(run('rust', ['--version']).stdout.trim(), `actiongate ${pkg.version}`);
  });
});

describe('TypeScript', () => {
  /** Runs tsc on a project of test/types, or skips when TypeScript is not installed. */
  function tsc(t, project) {
    let bin;
    try {
      bin = require.resolve('typescript/bin/tsc', { paths: [NPM_DIR] });
    } catch {
      t.skip('typescript is not installed (run npm ci in npm/)');
      return null;
    }
    return spawnSync(process.execPath, [bin, '-p', path.join(__dirname, 'types', project)], {
      cwd: NPM_DIR,
      encoding: 'utf8',
    });
  }

  it('accepts index.d.ts and a program that uses the whole API', (t) => {
    const result = tsc(t, 'tsconfig.json');
    if (result) assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  it('rejects each misuse of the API', (t) => {
    const result = tsc(t, 'tsconfig.misuse.json');
    if (!result) return;
    assert.notEqual(result.status, 0);
    const errors = result.stdout.split('\n').filter((l) => l.includes('error TS'));
    // One error per deliberate mistake, each on its own line of misuse.ts.
    assert.deepEqual(
      errors.map((l) => l.match(/misuse\.ts\((\d+),/)?.[1]),
      ['5', '7', '9', '11'],
      result.stdout,
    );
  });
});
