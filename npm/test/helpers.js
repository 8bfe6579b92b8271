'use strict';
// Shared helpers of the package's tests (not a test file itself).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NPM_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(NPM_DIR, '..');
const BIN = path.join(NPM_DIR, 'bin', 'actiongate.js');

let rustBin = null;

/**
 * The Rust CLI: `ACTIONGATE_RUST_BIN`, else `target/debug/actiongate` after
 * `cargo build -p actiongate-cli` (a no-op when it is up to date).
 */
function rustCli() {
  if (rustBin) return rustBin;
  if (process.env.ACTIONGATE_RUST_BIN) {
    rustBin = process.env.ACTIONGATE_RUST_BIN;
    return rustBin;
  }
  const build = spawnSync('cargo', ['build', '-p', 'actiongate-cli', '--quiet'], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error('cargo build -p actiongate-cli failed');
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
    : path.join(REPO, 'target');
  rustBin = path.join(targetDir, 'debug', 'actiongate');
  return rustBin;
}

/** A neutral environment: no colour variables, no CI annotations. */
function env() {
  const e = { ...process.env };
  delete e.NO_COLOR;
  delete e.FORCE_COLOR;
  return e;
}

/**
 * Runs one implementation.
 * @param {'rust' | 'node'} which
 * @param {string[]} args
 * @param {{ cwd?: string, input?: string | Buffer }} [options]
 */
function run(which, args, options = {}) {
  const [cmd, argv] = which === 'rust' ? [rustCli(), args] : [process.execPath, [BIN, ...args]];
  const result = spawnSync(cmd, argv, {
    cwd: options.cwd ?? REPO,
    input: options.input ?? '',
    env: env(),
    maxBuffer: 64 * 1024 * 1024,
  });
  // A command that exits before reading its input (a usage error) closes the pipe early.
  if (result.error && !(result.error.code === 'EPIPE' && result.status !== null)) throw result.error;
  return {
    code: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

/** Runs both implementations with the same arguments. */
function both(args, options) {
  return { rust: run('rust', args, options), node: run('node', args, options) };
}

/** Every file under `dir`, sorted, as paths relative to `base`. */
function filesUnder(dir, base = REPO) {
  const out = [];
  const visit = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile()) out.push(path.relative(base, p));
    }
  };
  visit(dir);
  return out.sort();
}

/** A temporary folder with `files` (relative path → text or bytes) written in it. */
function tree(files) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actiongate-npm-')));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** Removes a folder made by `tree`. */
function remove(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

const VULNERABLE =
  '"use server";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n';

module.exports = { BIN, NPM_DIR, REPO, both, filesUnder, remove, run, rustCli, tree, VULNERABLE };
