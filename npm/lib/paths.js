'use strict';
// Path helpers that behave like Rust's `std::path` where the CLI relies on it, so displayed
// paths, canonical paths and I/O messages are the same in both implementations.

const fs = require('node:fs');
const path = require('node:path');

/** Replaces backslashes with forward slashes. */
function slashes(p) {
  return p.replace(/\\/g, '/');
}

/**
 * The components of a path like Rust's `Path::components`: repeated and trailing separators
 * and inner `.` are dropped; a leading `.` and every `..` are kept.
 * @returns {{ absolute: boolean, parts: string[] }}
 */
function components(p) {
  const absolute = p.startsWith('/');
  const raw = p.split('/');
  const parts = [];
  raw.forEach((part, i) => {
    if (part === '') return;
    if (part === '.' && !(i === 0 && !absolute)) return;
    parts.push(part);
  });
  return { absolute, parts };
}

/** `prefix`'s components are the first components of `p` (both absolute): the rest, else null. */
function stripPrefix(p, prefix) {
  const a = components(p);
  const b = components(prefix);
  if (a.absolute !== b.absolute || b.parts.length > a.parts.length) return null;
  for (let i = 0; i < b.parts.length; i += 1) {
    if (a.parts[i] !== b.parts[i]) return null;
  }
  return a.parts.slice(b.parts.length);
}

/** Canonical path (symlinks resolved), or null when it does not exist. */
function canonical(p) {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

/** Rust's `Path::join`: an absolute `rel` replaces `base`; nothing is normalised. */
function join(base, rel) {
  if (rel.startsWith('/')) return rel;
  if (base.endsWith('/')) return base + rel;
  return `${base}/${rel}`;
}

/**
 * The path shown to the user: relative to `cwd` when it is inside it, without a leading `./`,
 * with forward slashes (`crates/cli/src/walk.rs` `display_path`).
 */
function displayPath(p, cwd) {
  let parts = null;
  let absolute = false;
  if (p.startsWith('/')) {
    parts = stripPrefix(p, cwd);
    if (parts === null) {
      const c = canonical(cwd);
      if (c !== null) parts = stripPrefix(p, c);
    }
  }
  if (parts === null) {
    const comps = components(p);
    absolute = comps.absolute;
    parts = comps.parts;
  }
  parts = parts.filter((part) => part !== '.');
  const text = slashes((absolute ? '/' : '') + parts.join('/'));
  return text === '' ? '.' : text;
}

const OS_ERRORS = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EIO: [5, 'Input/output error'],
  EACCES: [13, 'Permission denied'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  EMFILE: [24, 'Too many open files'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  EROFS: [30, 'Read-only file system'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
};

/** An I/O error as Rust's `std::io::Error` displays it (`Permission denied (os error 13)`). */
function ioMessage(err) {
  const known = err && OS_ERRORS[err.code];
  if (known) return `${known[1]} (os error ${known[0]})`;
  if (err && typeof err.errno === 'number' && err.syscall) {
    return `${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')} (os error ${-err.errno})`;
  }
  return String(err && err.message ? err.message : err);
}

/** Compares strings by their UTF-8 bytes, like Rust's `str` ordering. */
function byteCompare(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Whether `p` is a file (following symlinks). */
function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

module.exports = {
  byteCompare,
  canonical,
  components,
  displayPath,
  ioMessage,
  isFile,
  join,
  slashes,
  stripPrefix,
  path,
};
