'use strict';
// actiongate for Node: finds auth bugs in Next.js Server Actions. See README.md.

const { wasm, isTrap, crashDetail } = require('./lib/engine');

/**
 * Analyses one file's source text. See index.d.ts for the options and the result.
 * @param {string} source
 * @param {import('./index').AnalyzeOptions} [options]
 * @returns {import('./index').AnalyzeResult}
 */
function analyze(source, options) {
  try {
    return wasm.analyze(source, options);
  } catch (err) {
    if (isTrap(err)) {
      const name = options && typeof options.fileName === 'string' ? options.fileName : 'input.ts';
      const crash = new Error(
        `actiongate: internal error while analysing ${name} (${crashDetail(err)}); please report it with the file`,
      );
      crash.cause = err;
      throw crash;
    }
    throw err;
  }
}

/**
 * Every rule's metadata, in reporting order.
 * @returns {import('./index').RuleInfo[]}
 */
function rules() {
  return wasm.rules();
}

/**
 * Checks the text of an actiongate.toml; throws an Error saying what is wrong.
 * @param {string} text
 */
function validateConfig(text) {
  if (typeof text !== 'string') {
    throw new TypeError('validateConfig(): the configuration must be a string (the text of an actiongate.toml)');
  }
  wasm.validateConfig(text);
}

/** The engine's version. */
const version = wasm.version();

module.exports = { analyze, rules, validateConfig, version };
