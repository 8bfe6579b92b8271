'use strict';
// Turns the command line's paths into the list of inputs, like crates/cli/src/walk.rs:
// directories are walked recursively honouring `.gitignore` and `.ignore` (see gitignore.js)
// and skipping hidden entries (unless a `!` line takes them back) and `node_modules`, `.next`
// and `dist` folders; files named on
// the command line are always checked. Deduplicated by canonical path, sorted by the path shown.

const fs = require('node:fs');
const path = require('node:path');

const { IgnoreCache } = require('./gitignore');
const { byteCompare, canonical, displayPath, ioMessage, join, slashes } = require('./paths');

/** Extensions checked when walking a directory. */
const EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'];

/** Directory names never entered while walking. */
const SKIPPED_DIRS = ['node_modules', '.next', 'dist'];

/** A usage error (exit status 2). */
class UsageError extends Error {}

/** Whether a walked file is one actiongate checks (`.d.ts` declarations are skipped). */
function hasCheckedExtension(name) {
  if (name.endsWith('.d.ts')) return false;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false; // No extension, or a name like `.ts`.
  return EXTENSIONS.includes(name.slice(dot + 1));
}

/**
 * Collects the inputs named by `paths` (`-` is standard input, shown as `stdinName`).
 * @param {string[]} paths
 * @param {string} cwd
 * @param {string} stdinName
 * @returns {{ inputs: { display: string, file: string | null }[], warnings: string[], ioFailed: boolean }}
 */
function collect(paths, cwd, stdinName) {
  const collected = { inputs: [], warnings: [], ioFailed: false };
  const seen = new Set();
  let stdinSeen = false;
  const ignores = new IgnoreCache();
  for (const p of paths) {
    if (p === '-') {
      if (stdinSeen) throw new UsageError('`-` (standard input) can be given only once');
      stdinSeen = true;
      collected.inputs.push({ display: slashes(stdinName), file: null });
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(path.resolve(cwd, p));
    } catch {
      throw new UsageError(
        `path \`${p}\` does not exist (check the spelling, or run from the project folder)`,
      );
    }
    if (stat.isDirectory()) {
      walkDir(p, cwd, seen, collected, ignores);
    } else {
      pushFile(p, cwd, seen, collected);
    }
  }
  for (const w of ignores.warnings) collected.warnings.push(w);
  collected.inputs.sort((a, b) => byteCompare(a.display, b.display));
  return collected;
}

function walkDir(dir, cwd, seen, collected, ignores) {
  // Depth-first like the `ignore` crate; the root itself is never filtered.
  const visit = (shown) => {
    const absolute = path.resolve(cwd, shown);
    let entries;
    try {
      entries = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (err) {
      collected.ioFailed = true;
      collected.warnings.push(
        `cannot read ${displayPath(dir, cwd)}: IO error for operation on ${shown}: ${ioMessage(err)}`,
      );
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const child = join(shown, name);
      const childAbsolute = path.join(absolute, name);
      const isDir = entry.isDirectory();
      if (isDir && SKIPPED_DIRS.includes(name)) continue;
      // As the ignore crate: an ignored entry is skipped; a hidden one too, unless a `!` line
      // takes it back.
      const verdict = ignores.verdict(childAbsolute, isDir);
      if (verdict === 'ignore' || (verdict === null && name.startsWith('.'))) continue;
      if (isDir) {
        visit(child);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFileTarget(childAbsolute))) {
        if (hasCheckedExtension(name)) pushFile(child, cwd, seen, collected);
      }
    }
  };
  visit(dir);
}

function isFileTarget(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function pushFile(p, cwd, seen, collected) {
  const joined = join(cwd, p);
  const absolute = canonical(joined) ?? joined;
  if (!seen.has(absolute)) {
    seen.add(absolute);
    collected.inputs.push({ display: displayPath(p, cwd), file: absolute });
  }
}

module.exports = { collect, EXTENSIONS, hasCheckedExtension, UsageError };
