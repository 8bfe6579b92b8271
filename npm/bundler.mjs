// actiongate for bundlers (webpack 5 with `experiments.asyncWebAssembly`, Vite with
// vite-plugin-wasm, Rollup with @rollup/plugin-wasm): the same API as index.js, on the
// `wasm-bindgen --target bundler` build in pkg-bundler/, which imports the .wasm file as an ES
// module. Node itself uses index.js.
import * as wasm from "./pkg-bundler/actiongate_wasm.js";

function isTrap(err) {
  return typeof WebAssembly !== "undefined" && err instanceof WebAssembly.RuntimeError;
}

/** Analyses one file's source text. See index.d.ts. */
export function analyze(source, options) {
  try {
    return wasm.analyze(source, options);
  } catch (err) {
    if (isTrap(err)) {
      const name = options && typeof options.fileName === "string" ? options.fileName : "input.ts";
      const detail = wasm.takePanic() ?? err.message;
      const crash = new Error(
        `actiongate: internal error while analysing ${name} (${detail}); please report it with the file`,
      );
      crash.cause = err;
      throw crash;
    }
    throw err;
  }
}

/** Every rule's metadata, in reporting order. */
export function rules() {
  return wasm.rules();
}

/** Checks the text of an actiongate.toml; throws an Error saying what is wrong. */
export function validateConfig(text) {
  if (typeof text !== "string") {
    throw new TypeError("validateConfig(): the configuration must be a string (the text of an actiongate.toml)");
  }
  wasm.validateConfig(text);
}

/** The engine's version. */
export const version = wasm.version();
