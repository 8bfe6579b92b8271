'use strict';
// Unit tests of the file-system side of the bin: gitignore patterns, displayed paths, the
// tsconfig reader. The end-to-end agreement with the Rust CLI is in parity.test.js.

const assert = require('node:assert/strict');
const { describe, it } = require('node:test');

const { IgnoreFile } = require('../lib/gitignore');
const jsonc = require('../lib/jsonc');
const { normalize } = require('../lib/loader');
const { displayPath } = require('../lib/paths');
const { hasCheckedExtension } = require('../lib/walk');

describe('gitignore patterns', () => {
  const file = new IgnoreFile(
    '/r',
    [
      '# comment',
      '',
      '*.log',
      '!keep.log',
      'build/',
      '/top.ts',
      'docs/*.md',
      '**/gen/**',
      'a/**/z.ts',
      'x[0-9].ts',
      'q?.ts',
      '\\#hash.ts',
      'trailing.ts   ',
    ].join('\n'),
  );
  const cases = [
    ['/r/a.log', false, 'ignore'],
    ['/r/deep/er/a.log', false, 'ignore'],
    ['/r/keep.log', false, 'whitelist'],
    ['/r/build', true, 'ignore'],
    ['/r/build', false, null],
    ['/r/src/build', true, 'ignore'],
    ['/r/top.ts', false, 'ignore'],
    ['/r/src/top.ts', false, null],
    ['/r/docs/a.md', false, 'ignore'],
    ['/r/docs/sub/a.md', false, null],
    ['/r/x/gen/y.ts', false, 'ignore'],
    ['/r/a/z.ts', false, 'ignore'],
    ['/r/a/b/c/z.ts', false, 'ignore'],
    ['/r/x1.ts', false, 'ignore'],
    ['/r/xa.ts', false, null],
    ['/r/q1.ts', false, 'ignore'],
    ['/r/q12.ts', false, null],
    ['/r/#hash.ts', false, 'ignore'],
    ['/r/trailing.ts', false, 'ignore'],
    ['/elsewhere/a.log', false, null],
  ];
  for (const [p, isDir, expected] of cases) {
    it(`${p}${isDir ? '/' : ''} → ${expected}`, () => {
      assert.equal(file.match(p, isDir), expected);
    });
  }
});

describe('paths', () => {
  it('shows paths like the Rust CLI', () => {
    assert.equal(displayPath('./app/a.ts', '/work/proj'), 'app/a.ts');
    assert.equal(displayPath('/work/proj/app/a.ts', '/work/proj'), 'app/a.ts');
    assert.equal(displayPath('/elsewhere/a.ts', '/work/proj'), '/elsewhere/a.ts');
    assert.equal(displayPath('../x/a.ts', '/work/proj'), '../x/a.ts');
    assert.equal(displayPath('app//b/./c.ts', '/w'), 'app/b/c.ts');
    assert.equal(displayPath('.', '/w'), '.');
    assert.equal(displayPath('/w', '/w'), '.');
  });

  it('checks the same extensions', () => {
    assert.ok(hasCheckedExtension('b.tsx'));
    assert.ok(hasCheckedExtension('b.cjs'));
    assert.ok(!hasCheckedExtension('b.d.ts'));
    assert.ok(!hasCheckedExtension('b.json'));
    assert.ok(!hasCheckedExtension('Makefile'));
  });

  it('normalizes lexically', () => {
    assert.equal(normalize('/a/b/../c/./d.ts'), '/a/c/d.ts');
    assert.equal(normalize('/../a'), '/a');
  });
});

describe('tsconfig reader', () => {
  it('tolerates comments and trailing commas, and leaves strings alone', () => {
    const value = jsonc.parse(`{
  // Next.js defaults
  "compilerOptions": {
    /* aliases */
    "baseUrl": ".",
    "paths": { "@/*": ["./src/*",], },
  },
  "include": ["**/*.ts", "a//b", "c/*d*/"],
}`);
    assert.equal(value.compilerOptions.paths['@/*'][0], './src/*');
    assert.equal(value.include[1], 'a//b');
    assert.equal(value.include[2], 'c/*d*/');
    assert.equal(jsonc.parse('{"a": "x\\"// no", "b": 1}').b, 1);
    assert.deepEqual(jsonc.parse('\ufeff{}'), {});
    assert.throws(() => jsonc.parse('{ /* open'));
  });
});
