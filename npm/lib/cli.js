'use strict';
// The `actiongate` command of the npm package: the same `check`, `rules` and `explain` as the
// Rust CLI (crates/cli), with the same flags, outputs and exit statuses. Node walks folders,
// reads files, finds actiongate.toml and resolves the project's imports; the WebAssembly engine
// analyses and renders with the Rust CLI's own renderers.

const fs = require('node:fs');
const path = require('node:path');

const { wasm, isTrap, crashDetail } = require('./engine');
const { ConfigResolver, RunError } = require('./config');
const { FsLoader } = require('./loader');
const { ioMessage, canonical } = require('./paths');
const { collect, EXTENSIONS, UsageError } = require('./walk');

const EXIT_CLEAN = 0;
const EXIT_ERROR = 2;

const FORMATS = ['pretty', 'json', 'sarif', 'github', 'compact'];
const SEVERITIES = ['low', 'medium', 'high'];
const COLORS = ['auto', 'always', 'never'];

const ABOUT = 'actiongate: who can call this Server Action?';

const MAIN_HELP = `${ABOUT}

Usage: actiongate <COMMAND>

Commands:
  check    Check files and directories for auth bugs in Server Actions
  rules    List every rule with its severity and CWE
  explain  Explain one rule: what it reports, why it matters, how to fix it
  help     Print this message or the help of the given subcommand(s)

Options:
  -h, --help     Print help
  -V, --version  Print version

Examples:
  actiongate check app/
  actiongate check . --format sarif > actiongate.sarif
  actiongate check app/actions.ts --diff
  cat actions.ts | actiongate check -
  actiongate explain missing-authz
`;

const CHECK_HELP = `Check files and directories for auth bugs in Server Actions

Usage: actiongate check [OPTIONS] [PATH]...

Arguments:
  [PATH]...  Files or directories to check (directories recursively; \`-\` reads standard input) [default: .]

Options:
      --format <FORMAT>          Output format [default: pretty] [possible values: pretty, json, sarif, github, compact]
      --fail-on <SEVERITY>       Exit with status 1 when a finding at or above this severity remains [default: high] [possible values: low, medium, high]
      --fix                      Write the proposed fixes into the files, then report what remains (never for standard input)
      --diff                     Print the proposed fixes as a unified diff instead of a report; no file is written
      --config <FILE>            Use this configuration file instead of discovering \`actiongate.toml\` next to the files
  -j, --jobs <N>                 Accepted for compatibility with the Rust CLI; files are analysed one at a time
      --stdin-filename <NAME>    The file name standard input is reported as (its extension picks the dialect) [default: stdin.ts]
      --color <WHEN>             When to colour the pretty output [default: auto] [possible values: auto, always, never]
  -h, --help                     Print help

Configuration: the nearest actiongate.toml above each file applies (or --config FILE).
Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.
`;

/** A command-line mistake: printed like clap prints it, exit status 2. */
class ArgError extends Error {}

/** The options of `check` that take a value, with their allowed values. */
const VALUE_OPTIONS = {
  '--format': { key: 'format', placeholder: '<FORMAT>', choices: FORMATS },
  '--fail-on': { key: 'failOn', placeholder: '<SEVERITY>', choices: SEVERITIES },
  '--config': { key: 'config', placeholder: '<FILE>' },
  '--jobs': { key: 'jobs', placeholder: '<N>' },
  '--stdin-filename': { key: 'stdinFilename', placeholder: '<NAME>' },
  '--color': { key: 'color', placeholder: '<WHEN>', choices: COLORS },
};
const FLAG_OPTIONS = { '--fix': 'fix', '--diff': 'diff' };

/**
 * Parses the arguments of `check`.
 * @param {string[]} args
 */
function parseCheckArgs(args) {
  const opts = {
    paths: [],
    format: undefined,
    failOn: undefined,
    fix: false,
    diff: false,
    config: undefined,
    jobs: undefined,
    stdinFilename: undefined,
    color: undefined,
    help: false,
  };
  const set = (name, spec, value) => {
    if (opts[spec.key] !== undefined) {
      throw new ArgError(`the argument '${name} ${spec.placeholder}' cannot be used multiple times`);
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new ArgError(
        `invalid value '${value}' for '${name} ${spec.placeholder}'\n  [possible values: ${spec.choices.join(', ')}]`,
      );
    }
    if (spec.key === 'jobs') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
        throw new ArgError(
          `invalid value '${value}' for '--jobs <N>': ${/^\d+$/.test(value) ? `${value} is not in 1..=65535` : 'invalid digit found in string'}`,
        );
      }
    }
    opts[spec.key] = value;
  };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      opts.help = true;
      continue;
    }
    if (FLAG_OPTIONS[arg]) {
      const key = FLAG_OPTIONS[arg];
      if (opts[key]) throw new ArgError(`the argument '${arg}' cannot be used multiple times`);
      opts[key] = true;
      continue;
    }
    let name = arg;
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    } else if (arg.startsWith('-j') && arg.length > 2) {
      name = '--jobs';
      value = arg.slice(arg[2] === '=' ? 3 : 2);
    } else if (arg === '-j') {
      name = '--jobs';
    }
    const spec = VALUE_OPTIONS[name];
    if (!spec) throw new ArgError(`unexpected argument '${arg}' found`);
    if (value === undefined) {
      if (i + 1 >= args.length) {
        throw new ArgError(`a value is required for '${name} ${spec.placeholder}' but none was supplied`);
      }
      i += 1;
      value = args[i];
    }
    set(name, spec, value);
  }
  if (opts.fix && opts.diff) throw new ArgError("the argument '--fix' cannot be used with '--diff'");
  if (opts.paths.length === 0) opts.paths.push('.');
  opts.format ??= 'pretty';
  opts.failOn ??= 'high';
  opts.stdinFilename ??= 'stdin.ts';
  opts.color ??= 'auto';
  return opts;
}

/** Reads standard input to the end, at most `limit` bytes plus one. */
async function readStdin(stream, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buf);
    size += buf.length;
    if (size > limit) break;
  }
  const all = Buffer.concat(chunks);
  return all.length > limit + 1 ? all.subarray(0, limit + 1) : all;
}

/** Where standard input "lives" for configuration discovery and import resolution. */
function stdinPath(cwd, name) {
  const joined = name.startsWith('/') ? name : path.join(cwd, name);
  const parent = canonical(path.dirname(joined));
  const file = path.basename(joined);
  return parent !== null && file !== '' && file !== '..' ? path.join(parent, file) : joined;
}

function plural(n, word) {
  return n === 1 ? `${n} ${word}` : `${n} ${word}s`;
}

/**
 * Runs `actiongate check`.
 * @param {ReturnType<typeof parseCheckArgs>} opts
 * @param {Io} io
 * @returns {Promise<number>}
 */
async function check(opts, io) {
  const cwd = io.cwd;
  const collected = collect(opts.paths, cwd, opts.stdinFilename);
  for (const warning of collected.warnings) io.stderr(`warning: ${warning}\n`);
  if (collected.inputs.length === 0) {
    io.stderr(
      `warning: no files to check: the given paths hold no ${EXTENSIONS.map((e) => `.${e}`).join(' ')} files (outside ignored folders)\n`,
    );
  }

  const maxSize = wasm.CheckRun.maxFileSize();
  let stdinBytes = null;
  if (collected.inputs.some((i) => i.file === null)) {
    try {
      stdinBytes = await readStdin(io.stdin, maxSize);
    } catch (err) {
      throw new RunError(`cannot read standard input: ${ioMessage(err)}`);
    }
  }

  const configs = new ConfigResolver(opts.config ?? null, cwd, (text) => wasm.validateConfig(text));
  const jobs = collected.inputs.map((input) => {
    const analysisPath = input.file ?? stdinPath(cwd, opts.stdinFilename);
    const config = configs.forDir(path.dirname(analysisPath));
    return { ...input, analysisPath, config };
  });

  const loader = new FsLoader();
  const loaderFor = (l, analysisPath) =>
    l.projectForFile(analysisPath) === null ? null : (importer, spec) => l.load(importer, spec);

  const run = new wasm.CheckRun();
  for (const job of jobs) {
    const fileArg = job.file ?? undefined;
    let bytes;
    if (job.file === null) {
      bytes = stdinBytes;
    } else {
      try {
        const size = fs.statSync(job.file).size;
        if (size > maxSize) {
          run.addUnreadable(job.display, fileArg, job.analysisPath, wasm.CheckRun.tooLargeMessage(size), false);
          continue;
        }
        bytes = fs.readFileSync(job.file);
      } catch (err) {
        run.addUnreadable(job.display, fileArg, job.analysisPath, `cannot read file: ${ioMessage(err)}`, true);
        continue;
      }
    }
    try {
      run.addFile(
        job.display,
        fileArg,
        job.analysisPath,
        bytes,
        job.config ?? undefined,
        loaderFor(loader, job.analysisPath),
      );
    } catch (err) {
      if (!isTrap(err)) throw err;
      run.addCrashed(job.display, fileArg, job.analysisPath, crashDetail(err));
    }
  }

  if (opts.fix) {
    let fixedFiles = 0;
    const toRecheck = [];
    for (let i = 0; i < run.length; i += 1) {
      const fixed = run.fixedSource(i);
      if (fixed === undefined) continue;
      const file = run.pathOf(i);
      if (file === undefined) {
        io.stderr('note: --fix does not change standard input; use --diff to see the fix\n');
        continue;
      }
      try {
        fs.writeFileSync(file, fixed);
        fixedFiles += 1;
        toRecheck.push(i);
      } catch (err) {
        run.writeFailed(i, ioMessage(err));
      }
    }
    // A fresh loader: the files just written must not be served from the old cache.
    const fresh = new FsLoader();
    for (const i of toRecheck) {
      try {
        run.reanalyse(i, loaderFor(fresh, jobs[i].analysisPath));
      } catch (err) {
        if (!isTrap(err)) throw err;
        run.reanalyseCrashed(i, crashDetail(err));
      }
    }
    if (fixedFiles > 0) io.stderr(`fixed ${plural(fixedFiles, 'file')}\n`);
  }

  let text;
  if (opts.diff) {
    io.stderr(run.diffStderr());
    text = run.diff();
  } else {
    const color =
      opts.color === 'always' ||
      (opts.color === 'auto' && !io.env.NO_COLOR && io.stdoutIsTTY);
    text = run.render(opts.format, Boolean(color));
  }
  io.stdout(text);
  return run.exitCode(opts.failOn, collected.ioFailed);
}

/** `actiongate rules`: every rule as a table. */
function rulesTable() {
  const rules = wasm.rules();
  const idWidth = Math.max('RULE'.length, ...rules.map((r) => r.id.length));
  const cweWidth = Math.max('CWE'.length, ...rules.map((r) => r.cwe.length));
  const row = (id, severity, cwe, title) =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(8)}  ${cwe.padEnd(cweWidth)}  ${title}\n`;
  let out = row('RULE', 'SEVERITY', 'CWE', 'TITLE');
  for (const r of rules) out += row(r.id, r.severity, r.cwe, r.title);
  out += `\n${rules.length} rules. Run \`actiongate explain <RULE>\` for details.\n`;
  return out;
}

/** `actiongate explain <rule>`: the rule's documentation. */
function explain(id) {
  const rules = wasm.rules();
  const wanted = id.trim().toLowerCase();
  const r = rules.find((rule) => rule.id === wanted);
  if (!r) {
    throw new RunError(`unknown rule \`${id}\`; valid rules are: ${rules.map((x) => x.id).join(', ')}`);
  }
  const section = (heading, body) => {
    let s = `${heading}\n`;
    for (const line of body.trimEnd().split(/\r?\n/)) s += line === '' ? '\n' : `    ${line}\n`;
    return `${s}\n`;
  };
  return (
    `${r.id} (${r.severity} severity, ${r.cwe})\n` +
    `${r.title}\n\n` +
    section('What it does', r.what_it_does) +
    section('Why is this bad?', r.why_is_this_bad) +
    section('How to fix', r.how_to_fix) +
    section('Example of vulnerable code', r.bad_example) +
    section('The same action, fixed', r.good_example) +
    `${r.cwe}: ${r.cwe_url}\n`
  );
}

/**
 * @typedef {object} Io
 * @property {string} cwd
 * @property {(text: string) => void} stdout
 * @property {(text: string) => void} stderr
 * @property {AsyncIterable<Buffer | string>} stdin
 * @property {Record<string, string | undefined>} env
 * @property {boolean} stdoutIsTTY
 */

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit status.
 * @param {string[]} args
 * @param {Partial<Io>} [ioOverrides]
 * @returns {Promise<number>}
 */
async function main(args, ioOverrides = {}) {
  /** @type {Io} */
  const io = {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdin: process.stdin,
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...ioOverrides,
  };
  const usage = (message, usageLine) => {
    io.stderr(`error: ${message}\n\n${usageLine ? `Usage: ${usageLine}\n\n` : ''}For more information, try '--help'.\n`);
    return EXIT_ERROR;
  };
  const [command, ...rest] = args;
  try {
    switch (command) {
      case undefined:
        io.stderr(MAIN_HELP);
        return EXIT_ERROR;
      case '-h':
      case '--help':
      case 'help':
        if (command === 'help' && rest[0] === 'check') {
          io.stdout(CHECK_HELP);
        } else {
          io.stdout(MAIN_HELP);
        }
        return EXIT_CLEAN;
      case '-V':
      case '--version':
        io.stdout(`actiongate ${wasm.version()}\n`);
        return EXIT_CLEAN;
      case 'check': {
        let opts;
        try {
          opts = parseCheckArgs(rest);
        } catch (err) {
          if (err instanceof ArgError) return usage(err.message, 'actiongate check [OPTIONS] [PATH]...');
          throw err;
        }
        if (opts.help) {
          io.stdout(CHECK_HELP);
          return EXIT_CLEAN;
        }
        return await check(opts, io);
      }
      case 'rules':
        if (rest.length > 0 && rest[0] !== '-h' && rest[0] !== '--help') {
          return usage(`unexpected argument '${rest[0]}' found`, 'actiongate rules');
        }
        io.stdout(rest.length > 0 ? 'List every rule with its severity and CWE\n\nUsage: actiongate rules\n' : rulesTable());
        return EXIT_CLEAN;
      case 'explain': {
        if (rest.includes('-h') || rest.includes('--help')) {
          io.stdout('Explain one rule: what it reports, why it matters, how to fix it\n\nUsage: actiongate explain <RULE>\n');
          return EXIT_CLEAN;
        }
        if (rest.length !== 1) {
          return usage(
            rest.length === 0
              ? 'the following required arguments were not provided:\n  <RULE>'
              : `unexpected argument '${rest[1]}' found`,
            'actiongate explain <RULE>',
          );
        }
        io.stdout(explain(rest[0]));
        return EXIT_CLEAN;
      }
      default:
        return usage(`unrecognized subcommand '${command}'`, 'actiongate <COMMAND>');
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof RunError) {
      io.stderr(`error: ${err.message}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`error: ${err && err.stack ? err.stack : err}\n`);
    return EXIT_ERROR;
  }
}

module.exports = { main, parseCheckArgs, rulesTable, explain, ArgError };
