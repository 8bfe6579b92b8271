'use strict';
// The npm package's `actiongate check` against the Rust CLI: on every fixture of the repository
// the JSON output must be byte for byte the same, and so must the other formats, the exit
// statuses and the behaviour on configuration, imports, ignored files, standard input, broken
// input, fixes and usage errors.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, it, before } = require('node:test');

const { both, filesUnder, remove, REPO, rustCli, tree, VULNERABLE } = require('./helpers');

/** Asserts that both implementations printed the same and exited the same. */
function assertSame(result, what, { stderr = false } = {}) {
  assert.equal(result.node.stdout, result.rust.stdout, `${what}: stdout differs`);
  assert.equal(result.node.code, result.rust.code, `${what}: exit status differs`);
  if (stderr) assert.equal(result.node.stderr, result.rust.stderr, `${what}: stderr differs`);
}

const FIXTURE_DIRS = ['tests/fixtures', 'crates/cli/tests/fixtures'];

before(() => {
  rustCli();
});

describe('every fixture file', () => {
  const files = FIXTURE_DIRS.flatMap((d) => filesUnder(path.join(REPO, d)));

  it('finds the fixtures', () => {
    assert.ok(files.length >= 30, `only ${files.length} fixture files`);
  });

  for (const file of files) {
    it(`--format json: ${file}`, () => {
      const result = both(['check', file, '--format', 'json']);
      assertSame(result, file);
      const report = JSON.parse(result.node.stdout);
      assert.equal(report.version, 1);
      assert.equal(report.files[0].file, file);
    });
  }
});

describe('every format on the fixture folders', () => {
  for (const dir of FIXTURE_DIRS) {
    for (const format of ['json', 'sarif', 'pretty', 'github', 'compact']) {
      it(`${format}: ${dir}`, () => {
        assertSame(both(['check', dir, '--format', format]), `${dir} ${format}`);
      });
    }
    for (const failOn of ['low', 'medium', 'high']) {
      it(`--fail-on ${failOn}: ${dir}`, () => {
        assertSame(both(['check', dir, '--format', 'compact', '--fail-on', failOn]), failOn);
      });
    }
    it(`--diff: ${dir}`, () => {
      assertSame(both(['check', dir, '--diff']), `${dir} --diff`, { stderr: true });
    });
    it(`--color always: ${dir}`, () => {
      assertSame(both(['check', dir, '--color', 'always']), `${dir} --color always`);
    });
  }
});

describe('scenarios', () => {
  it('resolves the project imports the same way (tsconfig paths, extends, index files)', (t) => {
    const action = (imp) => `"use server";
import { requireSession } from "${imp}";
export async function deletePost(id: string) {
  const session = await requireSession();
  await db.post.deleteMany({ where: { id, authorId: session?.user?.id } });
}
`;
    const dir = tree({
      'tsconfig.base.json': '{"compilerOptions": {"baseUrl": "src", "paths": {"#/*": ["lib/*"]}}}',
      'tsconfig.json': `{
  // a comment, and trailing commas
  "extends": "./tsconfig.base",
  "compilerOptions": { "paths": { "@/*": ["./src/*"], "~lib": ["./src/lib/index.ts"], }, },
}`,
      'src/lib/throwing.ts':
        'export async function requireSession() { const s = await auth(); if (!s) throw new Error("x"); return s }\n',
      'src/lib/nullable.ts':
        'export async function requireSession() { const s = await auth(); if (!s) return null; return s }\n',
      'src/lib/index.ts': 'export { requireSession } from "./throwing";\n',
      'src/app/alias.ts': action('@/lib/throwing'),
      'src/app/alias-null.ts': action('@/lib/nullable'),
      'src/app/relative.ts': action('../lib/nullable.js'),
      'src/app/index-import.ts': action('~lib'),
      'src/app/base-url.ts': action('lib/nullable'),
      'src/app/missing.ts': action('@/lib/nope'),
      'src/app/package.ts': action('some-package'),
    });
    t.after(() => remove(dir));
    for (const format of ['json', 'sarif']) {
      assertSame(both(['check', 'src', '--format', format], { cwd: dir }), `imports ${format}`);
    }
    const report = JSON.parse(both(['check', 'src/app/alias.ts', '--format', 'json'], { cwd: dir }).node.stdout);
    assert.deepEqual(report.findings, [], 'the throwing helper guards the action');
  });

  it('discovers actiongate.toml the same way and refuses a broken one', (t) => {
    const dir = tree({
      'actiongate.toml': 'disable = ["unvalidated-input"]\n',
      'app/a.ts': VULNERABLE,
      'app/public/actiongate.toml': 'public_actions = ["deletePost"]\n',
      'app/public/b.ts': VULNERABLE,
      'broken/actiongate.toml': 'disable = ["nope"]\n',
      'broken/c.ts': VULNERABLE,
      'custom.toml': 'disable = ["missing-authn"]\n',
    });
    t.after(() => remove(dir));
    assertSame(both(['check', 'app', '--format', 'json'], { cwd: dir }), 'nested configs');
    assertSame(both(['check', 'app', '--format', 'json', '--config', 'custom.toml'], { cwd: dir }), '--config');
    const broken = both(['check', '.', '--format', 'json'], { cwd: dir });
    assertSame(broken, 'broken config', { stderr: true });
    assert.equal(broken.node.code, 2);
    assert.match(broken.node.stderr, /broken\/actiongate\.toml: invalid actiongate\.toml: unknown rule `nope`/);
    const missing = both(['check', 'app', '--config', 'nope.toml'], { cwd: dir });
    assertSame(missing, 'missing --config', { stderr: true });
  });

  it('walks folders the same way (.gitignore, .ignore, hidden, node_modules, .d.ts)', (t) => {
    const dir = tree({
      '.gitignore': '# generated\nbuild/\n*.gen.ts\n!keep.gen.ts\n/rooted.ts\n',
      'app/.ignore': 'secret/**\n',
      'app/a.ts': VULNERABLE,
      'app/b.tsx': VULNERABLE,
      'app/c.mjs': '"use server";\nexport async function f(id) { await db.post.delete({ where: { id } }); }\n',
      'app/types.d.ts': VULNERABLE,
      'app/x.gen.ts': VULNERABLE,
      'app/keep.gen.ts': VULNERABLE,
      'app/rooted.ts': VULNERABLE,
      'rooted.ts': VULNERABLE,
      'app/secret/s.ts': VULNERABLE,
      'app/build/out.ts': VULNERABLE,
      'app/.hidden/h.ts': VULNERABLE,
      'app/.h.ts': VULNERABLE,
      'app/node_modules/pkg/index.ts': VULNERABLE,
      'app/dist/d.ts': VULNERABLE,
      'app/.next/n.ts': VULNERABLE,
      'app/notes.md': 'not code',
    });
    t.after(() => remove(dir));
    const result = both(['check', '.', '--format', 'json'], { cwd: dir });
    assertSame(result, 'walk');
    const files = JSON.parse(result.node.stdout).files.map((f) => f.file);
    assert.deepEqual(files, [
      'app/a.ts',
      'app/b.tsx',
      'app/c.mjs',
      'app/keep.gen.ts',
      'app/rooted.ts',
    ]);
    // Files named on the command line are always checked; duplicates are checked once.
    assertSame(
      both(['check', 'app/x.gen.ts', './app/x.gen.ts', 'app', '--format', 'json'], { cwd: dir }),
      'explicit files',
    );
    // Outside the current folder, paths stay as given.
    assertSame(both(['check', '../' + path.basename(dir) + '/app', '--format', 'json'], { cwd: path.join(dir, 'app') }), 'parent');
    assertSame(both(['check', path.join(dir, 'app'), '--format', 'json'], { cwd: '/' }), 'absolute');
  });

  it('takes back hidden entries that a `!` line names, as the ignore crate does', (t) => {
    const dir = tree({
      '.gitignore': '!.kept.ts\n!.tools/\n',
      'app/.kept.ts': VULNERABLE,
      'app/.other.ts': VULNERABLE,
      '.tools/t.ts': VULNERABLE,
      '.cache/c.ts': VULNERABLE,
    });
    t.after(() => remove(dir));
    const result = both(['check', '.', '--format', 'json'], { cwd: dir });
    assertSame(result, 'hidden, taken back');
    const files = JSON.parse(result.node.stdout).files.map((f) => f.file);
    assert.deepEqual(files, ['.tools/t.ts', 'app/.kept.ts']);
  });

  it('reads standard input the same way', () => {
    for (const args of [
      ['check', '-', '--format', 'json'],
      ['check', '-', '--stdin-filename', 'app/page.tsx', '--format', 'json'],
      ['check', '-', '--format', 'sarif'],
      ['check', '-', 'tests/fixtures/missing-authn', '--format', 'json'],
    ]) {
      assertSame(both(args, { input: VULNERABLE }), args.join(' '));
    }
    const twice = both(['check', '-', '-']);
    assertSame(twice, 'stdin twice', { stderr: true });
    assert.equal(twice.node.code, 2);
  });

  it('reports broken input the same way (syntax errors, binary, invalid UTF-8, empty)', (t) => {
    const dir = tree({
      'broken.ts': `${VULNERABLE}const = ;\n`,
      'binary.ts': Buffer.from([0, 1, 2, 3]),
      'latin1.ts': Buffer.from('const caf\xe9 = 1;\n', 'latin1'),
      'empty.ts': '',
      'deep.ts': `${'['.repeat(2000)}${']'.repeat(2000)}\n`,
    });
    t.after(() => remove(dir));
    for (const format of ['json', 'sarif', 'pretty', 'github', 'compact']) {
      assertSame(both(['check', '.', '--format', format], { cwd: dir }), `broken ${format}`);
    }
  });

  it('applies --fix the same way', (t) => {
    const files = {
      'package.json': '{}\n',
      'app/a.ts': VULNERABLE,
      'app/b.ts': VULNERABLE.replace('deletePost', 'removePost'),
      'app/clean.ts': 'export const a = 1;\n',
    };
    const rustDir = tree(files);
    const nodeDir = tree(files);
    t.after(() => {
      remove(rustDir);
      remove(nodeDir);
    });
    const { run } = require('./helpers');
    const rust = run('rust', ['check', 'app', '--fix', '--format', 'json'], { cwd: rustDir });
    const node = run('node', ['check', 'app', '--fix', '--format', 'json'], { cwd: nodeDir });
    assert.equal(node.stdout, rust.stdout);
    assert.equal(node.stderr, rust.stderr);
    assert.equal(node.code, rust.code);
    for (const rel of Object.keys(files)) {
      assert.equal(
        fs.readFileSync(path.join(nodeDir, rel), 'utf8'),
        fs.readFileSync(path.join(rustDir, rel), 'utf8'),
        rel,
      );
    }
    assert.notEqual(fs.readFileSync(path.join(nodeDir, 'app/a.ts'), 'utf8'), VULNERABLE);
    // Standard input is never written.
    assertSame(both(['check', '-', '--fix', '--format', 'json'], { input: VULNERABLE }), '--fix stdin', { stderr: true });
  });

  it('fails the same way on usage errors', () => {
    for (const args of [
      ['check', 'does-not-exist.ts'],
      ['check', '--fix', '--diff', 'tests/fixtures'],
      ['check', '--format', 'xml'],
      ['check', '--fail-on', 'critical'],
      ['check', '--jobs', '0'],
      ['check', '--nope'],
      ['explain', 'nope'],
      ['explain'],
      ['frobnicate'],
      [],
    ]) {
      const result = both(args);
      assert.equal(result.node.code, 2, `${args.join(' ')}: ${result.node.stderr}`);
      assertSame(result, args.join(' '));
    }
    // Same messages where the message is ours rather than the argument parser's.
    assertSame(both(['check', 'does-not-exist.ts']), 'missing path', { stderr: true });
    assertSame(both(['explain', 'nope']), 'unknown rule', { stderr: true });
  });

  it('prints the same rules, explanations and version', () => {
    assertSame(both(['rules']), 'rules');
    assertSame(both(['--version']), '--version');
    const { rules } = require('..');
    for (const rule of rules()) {
      assertSame(both(['explain', rule.id]), `explain ${rule.id}`);
    }
    assertSame(both(['explain', ' Missing-Authn ']), 'explain is forgiving');
  });

  it('accepts the same spellings of the options', () => {
    for (const args of [
      ['check', '--format=json', 'tests/fixtures/missing-authn'],
      ['check', '-j', '2', '--format', 'json', 'tests/fixtures/missing-authn'],
      ['check', '-j2', '--format', 'json', 'tests/fixtures/missing-authn'],
      ['check', '--jobs=1', '--format', 'json', '--', 'tests/fixtures/missing-authn'],
      ['check', 'tests/fixtures/missing-authn', '--fail-on=low', '--format', 'compact'],
    ]) {
      assertSame(both(args), args.join(' '));
    }
  });
});
