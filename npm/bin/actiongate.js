#!/usr/bin/env node
'use strict';
// `actiongate check|rules|explain`: the Rust CLI's command line, on the WebAssembly engine.
// Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.

const { main } = require('../lib/cli');

// A closed pipe (`actiongate check . | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`error: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 2;
}
