'use strict';
// The package as published: the tarball holds what the entry points need (and no tests), the
// bundler build loads as ES modules, and the bin runs through npm's own link.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { describe, it } = require('node:test');

const { NPM_DIR, remove, tree, VULNERABLE } = require('./helpers');

describe('package', () => {
  it('packs the entry points, the engine and the README, and nothing else', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: NPM_DIR,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const files = JSON.parse(result.stdout)[0].files.map((f) => f.path).sort();
    for (const needed of [
      'README.md',
      'bin/actiongate.js',
      'bundler.mjs',
      'index.d.ts',
      'index.js',
      'lib/cli.js',
      'lib/engine.js',
      'lib/host.js',
      'package.json',
      'pkg/actiongate_wasm.js',
      'pkg/actiongate_wasm_bg.wasm',
      'pkg-bundler/actiongate_wasm.js',
      'pkg-bundler/actiongate_wasm_bg.js',
      'pkg-bundler/actiongate_wasm_bg.wasm',
    ]) {
      assert.ok(files.includes(needed), `${needed} is missing from the tarball: ${files.join(', ')}`);
    }
    for (const file of files) {
      assert.ok(!file.startsWith('test/') && !file.startsWith('scripts/'), `${file} should not be packed`);
    }
  });

  it('declares its entry points, bin, types and engines', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(NPM_DIR, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'actiongate');
    assert.equal(pkg.bin.actiongate, 'bin/actiongate.js');
    assert.equal(pkg.engines.node, '>=18');
    for (const file of [pkg.main, pkg.types, pkg.bin.actiongate, pkg.exports['.'].browser]) {
      assert.ok(fs.existsSync(path.join(NPM_DIR, file)), file);
    }
    const bin = fs.readFileSync(path.join(NPM_DIR, pkg.bin.actiongate), 'utf8');
    assert.ok(bin.startsWith('#!/usr/bin/env node\n'));
    assert.ok(fs.statSync(path.join(NPM_DIR, pkg.bin.actiongate)).mode & 0o111, 'bin is executable');
  });

  it('loads the bundler build as ES modules (the way bundlers import .wasm)', () => {
    assert.ok(
      fs.existsSync(path.join(NPM_DIR, 'pkg-bundler', 'actiongate_wasm_bg.wasm')),
      'pkg-bundler/ is missing: run npm run build',
    );
    const script = `
      import { analyze, rules, version } from ${JSON.stringify(path.join(NPM_DIR, 'bundler.mjs'))};
      const result = analyze(${JSON.stringify(VULNERABLE)}, { fileName: "a.ts" });
      console.log(JSON.stringify({ rules: result.findings.map((f) => f.rule), count: rules().length, version }));
    `;
    const result = spawnSync(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(out.rules, ['missing-authn']);
    assert.ok(out.count >= 9);
    assert.equal(out.version, require('..').version);
  });

  it('installs into a project and runs as `npx actiongate`', (t) => {
    const dir = tree({ 'package.json': '{"name": "app", "private": true}\n', 'app/actions.ts': VULNERABLE });
    t.after(() => remove(dir));
    const npm = (args) =>
      spawnSync('npm', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    // A folder install is a link: no download, no build.
    const install = npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', NPM_DIR]);
    assert.equal(install.status, 0, install.stderr);
    const check = npm(['exec', '--offline', '--', 'actiongate', 'check', 'app', '--format', 'compact']);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^app\/actions\.ts:2:\d+: high missing-authn /);
    const api = spawnSync(
      process.execPath,
      ['-e', 'console.log(require("actiongate").analyze(process.argv[1]).findings.length)', VULNERABLE],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(api.status, 0, api.stderr);
    assert.equal(api.stdout.trim(), '1');
  });
});
