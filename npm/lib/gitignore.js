'use strict';
// The subset of gitignore rules the walk honours, like the Rust CLI's `ignore` crate does for
// `.gitignore` and `.ignore` files (inside a Git repository or not, in the walked folders and
// their parents): comments, `!` negation, trailing `/` for folders, anchoring by a leading or
// inner `/`, `*`, `?`, `[...]` and `**`. The last matching line of a file wins; a deeper file
// wins over a shallower one; a `.ignore` file wins over a `.gitignore` file. Not read: Git's
// global excludes file and `.git/info/exclude`.

const fs = require('node:fs');
const path = require('node:path');

/** Escapes a character for a regular expression. */
function escapeRe(c) {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/**
 * Compiles one gitignore line, or returns null for blank lines and comments.
 * @param {string} line
 * @returns {{ re: RegExp, negate: boolean, dirOnly: boolean } | null}
 */
function compileLine(line) {
  let p = line.replace(/\r$/, '');
  if (p.startsWith('#')) return null;
  // Trailing spaces are ignored unless escaped.
  p = p.replace(/(?<!\\)\s+$/, '');
  if (p === '') return null;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) {
    p = p.slice(1);
  }
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  if (p === '') return null;
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  let body = '';
  let i = 0;
  while (i < p.length) {
    if (p.startsWith('**/', i) && (i === 0 || p[i - 1] === '/')) {
      body += '(?:.*/)?';
      i += 3;
    } else if (p.startsWith('/**', i) && i + 3 === p.length) {
      body += '/.*';
      i += 3;
    } else if (p.startsWith('**', i) && i === 0 && p.length === 2) {
      body += '.*';
      i += 2;
    } else if (p[i] === '*') {
      body += '[^/]*';
      i += 1;
    } else if (p[i] === '?') {
      body += '[^/]';
      i += 1;
    } else if (p[i] === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) {
        body += '\\[';
        i += 1;
      } else {
        let cls = p.slice(i + 1, close);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        body += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close + 1;
      }
    } else if (p[i] === '\\' && i + 1 < p.length) {
      body += escapeRe(p[i + 1]);
      i += 2;
    } else {
      body += escapeRe(p[i]);
      i += 1;
    }
  }
  const source = anchored ? `^${body}$` : `^(?:.*/)?${body}$`;
  try {
    return { re: new RegExp(source), negate, dirOnly };
  } catch {
    return null; // A line git would not understand either.
  }
}

/** The rules of one ignore file. */
class IgnoreFile {
  /**
   * @param {string} dir the folder the file is in (absolute)
   * @param {string} text its contents
   */
  constructor(dir, text) {
    this.dir = dir;
    this.rules = text.split('\n').map(compileLine).filter(Boolean);
  }

  /**
   * 'ignore', 'whitelist' or null for an absolute path under this file's folder.
   * @param {string} absolute
   * @param {boolean} isDir
   */
  match(absolute, isDir) {
    const rel = path.relative(this.dir, absolute).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('../')) return null;
    for (let i = this.rules.length - 1; i >= 0; i -= 1) {
      const rule = this.rules[i];
      if (rule.dirOnly && !isDir) continue;
      if (rule.re.test(rel)) return rule.negate ? 'whitelist' : 'ignore';
    }
    return null;
  }
}

/** Reads the ignore files of folders, once each. */
class IgnoreCache {
  constructor() {
    /** @type {Map<string, { ignore: IgnoreFile | null, gitignore: IgnoreFile | null }>} */
    this.byDir = new Map();
    /** Problems reading ignore files (shown as warnings). */
    this.warnings = [];
  }

  /** @param {string} dir absolute */
  filesOf(dir) {
    let known = this.byDir.get(dir);
    if (!known) {
      known = { ignore: this.read(dir, '.ignore'), gitignore: this.read(dir, '.gitignore') };
      this.byDir.set(dir, known);
    }
    return known;
  }

  read(dir, name) {
    const file = path.join(dir, name);
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (err && err.code !== 'ENOENT' && err.code !== 'ENOTDIR' && err.code !== 'EISDIR') {
        this.warnings.push(`ignoring a problem in ${file}: ${err.message}`);
      }
      return null;
    }
    return new IgnoreFile(dir, text);
  }

  /**
   * Whether an absolute path is ignored by the ignore files of its folder and every folder
   * above it.
   * @param {string} absolute
   * @param {boolean} isDir
   */
  ignored(absolute, isDir) {
    return this.verdict(absolute, isDir) === 'ignore';
  }

  /**
   * 'ignore', 'whitelist' (a `!` line takes the path back) or null (no line matches) for an
   * absolute path, from the ignore files of its folder and every folder above it.
   * @param {string} absolute
   * @param {boolean} isDir
   */
  verdict(absolute, isDir) {
    let ignoreMatch = null;
    let gitMatch = null;
    let dir = path.dirname(absolute);
    for (;;) {
      const files = this.filesOf(dir);
      if (ignoreMatch === null && files.ignore) ignoreMatch = files.ignore.match(absolute, isDir);
      if (gitMatch === null && files.gitignore) gitMatch = files.gitignore.match(absolute, isDir);
      if (ignoreMatch !== null && gitMatch !== null) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return ignoreMatch ?? gitMatch;
  }
}

module.exports = { IgnoreCache, IgnoreFile, compileLine };
