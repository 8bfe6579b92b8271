'use strict';
// Loads the WebAssembly engine (built by `npm run build` into pkg/) and turns a crash inside it
// (a trap: WebAssembly cannot unwind a Rust panic) into an ordinary error with the panic's
// message.

const MODULE = '../pkg/actiongate_wasm.js';

/** Loads the engine; `fresh` instantiates it anew (after a trap left the old one in doubt). */
function freshEngine(fresh) {
  try {
    if (fresh) delete require.cache[require.resolve(MODULE)];
    return require(MODULE);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('actiongate_wasm')) {
      throw new Error(
        'actiongate: the WebAssembly engine is not built (npm/pkg/ is missing). ' +
          'Run `npm run build` in the package folder (it needs Rust with the wasm32-unknown-unknown ' +
          'target and wasm-bindgen-cli), or install the published package.',
      );
    }
    throw err;
  }
}

const wasm = freshEngine(false);

/** Whether `err` is a WebAssembly trap (a Rust panic). */
function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError;
}

/** The panic message behind a trap, or the trap's own message. */
function crashDetail(err) {
  return wasm.takePanic() ?? (err && err.message) ?? String(err);
}

module.exports = { wasm, freshEngine, isTrap, crashDetail };
