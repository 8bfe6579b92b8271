'use strict';
// Finding the actiongate.toml that applies to each checked file (crates/cli/src/config.rs):
// the nearest one in the file's folder or above wins; `--config FILE` replaces discovery.
// The text is checked by the engine here, so a broken file stops the run before any output.

const fs = require('node:fs');
const path = require('node:path');

const { displayPath, ioMessage, isFile, join } = require('./paths');

const CONFIG_FILE = 'actiongate.toml';

/** An error that stops the run (exit status 2). */
class RunError extends Error {}

class ConfigResolver {
  /**
   * @param {string | null} explicit `--config FILE`
   * @param {string} cwd
   * @param {(text: string) => void} validate throws an Error saying what is wrong
   */
  constructor(explicit, cwd, validate) {
    this.cwd = cwd;
    this.validate = validate;
    /** @type {Map<string, string | null>} folder → configuration text (null: the defaults) */
    this.byDir = new Map();
    this.fixed = explicit === null ? undefined : this.load(explicit);
  }

  /** The configuration text for a file in the absolute folder `dir` (null: the defaults). */
  forDir(dir) {
    if (this.fixed !== undefined) return this.fixed;
    const visited = [];
    let found = null;
    let current = dir;
    for (;;) {
      if (this.byDir.has(current)) {
        found = this.byDir.get(current);
        break;
      }
      visited.push(current);
      const candidate = join(current, CONFIG_FILE);
      if (isFile(candidate)) {
        found = this.load(candidate);
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found;
  }

  load(file) {
    const shown = displayPath(file, this.cwd);
    let text;
    try {
      const bytes = fs.readFileSync(path.resolve(this.cwd, file));
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch (err) {
      const message =
        err instanceof TypeError ? 'stream did not contain valid UTF-8' : ioMessage(err);
      throw new RunError(`cannot read configuration file \`${shown}\`: ${message}`);
    }
    try {
      this.validate(text);
    } catch (err) {
      throw new RunError(
        `${shown}: ${err.message}\n  fix the file, or pass another one with --config`,
      );
    }
    return text;
  }
}

module.exports = { CONFIG_FILE, ConfigResolver, RunError };
