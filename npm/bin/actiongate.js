#!/usr/bin/env node
'use strict';
// `actiongate check|rules|explain`: the same command line as the Rust CLI, on the WebAssembly
// engine. Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.

const { main } = require('../lib/cli');

// A closed pipe (`actiongate check . | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
