'use strict';
// The `actiongate` command of the npm package: the Rust CLI's own command line
// (actiongate_check::command — the same arguments, outputs and exit statuses, byte for byte)
// running in WebAssembly on Node's file system (./host.js).
//
// WebAssembly cannot unwind a Rust panic: it traps. When a file crashes the engine, the run is
// started again on a fresh instance with that file reported as an internal error, as the Rust
// CLI reports a file whose analysis panicked, so one bad file never loses the others' results.

const { NodeHost, readStdinSync } = require('./host');
const engines = require('./engine');

const EXIT_ERROR = 2;

/** Files that may crash before the run gives up. */
const MAX_CRASHES = 16;

/**
 * @typedef {object} Io
 * @property {string} cwd
 * @property {(text: string) => void} stdout
 * @property {(text: string) => void} stderr
 * @property {(limit: number) => Uint8Array} readStdin
 * @property {Record<string, string | undefined>} env
 * @property {boolean} stdoutIsTTY
 * @property {boolean} stderrIsTTY
 */

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit status.
 * @param {string[]} args
 * @param {Partial<Io>} [overrides]
 * @returns {number}
 */
function main(args, overrides = {}) {
  /** @type {Io} */
  const streams = {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: readStdinSync,
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...overrides,
  };
  const crashes = [];
  for (let engine = engines.freshEngine(false); ; engine = engines.freshEngine(true)) {
    // Output is held until the attempt ends, so a retried run prints once.
    const printed = [];
    const host = new NodeHost(streams, crashes, (stream, text) => printed.push([stream, text]));
    const flush = () => {
      for (const [stream, text] of printed) (stream === 1 ? streams.stdout : streams.stderr)(text);
    };
    try {
      const code = engine.runCli(args.map(String), host);
      flush();
      return code;
    } catch (err) {
      if (!engines.isTrap(err)) throw err;
      const detail = engine.takePanic() ?? err.message;
      const file = host.current;
      if (file === null || crashes.length >= MAX_CRASHES || crashes.some((c) => c.path === file)) {
        flush();
        streams.stderr(
          `error: internal error${file === null ? '' : ` while analysing ${file}`} (${detail}); please report it with the file\n`,
        );
        return EXIT_ERROR;
      }
      crashes.push({ path: file, message: detail });
    }
  }
}

module.exports = { main };
