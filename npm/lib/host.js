'use strict';
// Node's side of the `actiongate` command: the file system and the standard streams, one
// operation per method, handed to the Rust command line running in WebAssembly
// (crates/wasm-api/src/node_host.rs). Everything else — arguments, walking, .gitignore,
// actiongate.toml, import resolution, fixes, output, exit statuses — is the Rust CLI's own code.
// A failed operation throws `{ code, message }` with the message Rust's `std::io::Error` shows.

const fs = require('node:fs');
const path = require('node:path');

/** errno names → [number, text] as Rust's `std::io::Error` displays them on Linux. */
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
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  EROFS: [30, 'Read-only file system'],
  EPIPE: [32, 'Broken pipe'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
};

/** An I/O error as Rust's `std::io::Error` displays it (`Permission denied (os error 13)`). */
function ioMessage(err) {
  const known = err && OS_ERRORS[err.code];
  if (known) return `${known[1]} (os error ${known[0]})`;
  return String(err && err.message ? err.message : err);
}

/** Runs `operation`, turning a Node error into what the Rust side reads. */
function io(operation) {
  try {
    return operation();
  } catch (err) {
    throw { code: err && err.code, message: ioMessage(err) };
  }
}

/** 'file', 'dir' or 'other' for a stat result. */
function kindOf(stat) {
  if (stat.isFile()) return 'file';
  return stat.isDirectory() ? 'dir' : 'other';
}

/** A folder entry's kind: links to files count as files, links to folders are not entered. */
function entryKind(dir, entry) {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    return fs.statSync(path.join(dir, entry.name)).isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

/** Reads file descriptor 0 synchronously, at most `limit` bytes. */
function readStdinSync(limit) {
  const chunks = [];
  let size = 0;
  const buf = Buffer.alloc(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (size < limit) {
    let n;
    try {
      n = fs.readSync(0, buf, 0, Math.min(buf.length, limit - size), null);
    } catch (err) {
      if (err.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10); // A non-blocking pipe with nothing yet: wait a little.
        continue;
      }
      if (err.code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    size += n;
  }
  return Buffer.concat(chunks);
}

/**
 * The host one attempt of a command runs on.
 * @param {import('./cli').Io} streams
 * @param {{ path: string, message: string }[]} crashes files that crashed an earlier attempt
 * @param {(stream: 1 | 2, text: string) => void} print
 */
class NodeHost {
  constructor(streams, crashes, print) {
    this.streams = streams;
    this.crashes = crashes;
    this.printer = print;
    /** The file being analysed (named when the engine crashes), or null. */
    this.current = null;
  }

  cwd() {
    return this.streams.cwd;
  }

  kind(p) {
    return io(() => kindOf(fs.statSync(p)));
  }

  readDir(p) {
    return io(() => fs.readdirSync(p, { withFileTypes: true }).map((e) => [e.name, entryKind(p, e)]));
  }

  fileSize(p) {
    return io(() => fs.statSync(p).size);
  }

  read(p) {
    return io(() => fs.readFileSync(p));
  }

  canonicalize(p) {
    return io(() => fs.realpathSync.native(p));
  }

  write(p, text) {
    io(() => fs.writeFileSync(p, text));
  }

  readStdin(limit) {
    return io(() => this.streams.readStdin(limit));
  }

  print(stream, text) {
    this.printer(stream, text);
  }

  isTerminal(stream) {
    return stream === 1 ? this.streams.stdoutIsTTY : this.streams.stderrIsTTY;
  }

  envVar(name) {
    return this.streams.env[name];
  }

  analysing(p) {
    this.current = p ?? null;
  }

  knownCrashes() {
    return this.crashes.map((c) => [c.path, c.message]);
  }
}

module.exports = { NodeHost, readStdinSync };
