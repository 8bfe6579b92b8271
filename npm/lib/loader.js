'use strict';
// Project import resolution over the file system: a port of crates/project/src/lib.rs, so that
// helpers imported from the project's own files are judged by their definitions exactly as the
// Rust CLI judges them.
//
// A file belongs to a project when a folder above it holds tsconfig.json, jsconfig.json or
// package.json; the nearest such folder is the project root. Relative imports and tsconfig
// `compilerOptions.paths` / `baseUrl` aliases (following relative `extends`) resolve with the
// extensions .ts .tsx .js .jsx .mjs .cjs and /index.*. Nothing outside the project root or
// inside node_modules is read, nor any file of 2 MB or more.

const fs = require('node:fs');
const path = require('node:path');

const jsonc = require('./jsonc');
const { byteCompare, canonical, components, isFile, join } = require('./paths');

const ROOT_MARKERS = ['tsconfig.json', 'jsconfig.json', 'package.json'];
const EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'];
const MAX_MODULE_SIZE = 2 * 1024 * 1024;
const MAX_EXTENDS = 8;

/** `./x`, `../x`, `.` and `..`. */
function isRelative(s) {
  return s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../');
}

/** Removes `.` and resolves `..` lexically (`..` at the root stays there). */
function normalize(p) {
  const { absolute, parts } = components(p);
  const out = [];
  for (const part of parts) {
    if (part === '.') continue;
    if (part === '..') {
      out.pop();
    } else {
      out.push(part);
    }
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** Rust's `Path::extension` of the last component. */
function extension(p) {
  const name = path.basename(p);
  if (name === '..') return null;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return name.slice(dot + 1);
}

/** Rust's `Path::with_extension`. */
function withExtension(p, ext) {
  const name = path.basename(p);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return join(path.dirname(p), `${stem}.${ext}`);
}

/** Ancestors of an absolute folder, itself first. */
function* ancestors(dir) {
  let current = dir;
  for (;;) {
    yield current;
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** The aliases of a tsconfig chain. */
class Aliases {
  constructor() {
    this.baseUrl = null;
    this.pathsBase = null;
    /** @type {[string, string[]][]} */
    this.paths = [];
  }

  /** Base paths an aliased specifier may refer to, best match first. */
  candidates(specifier) {
    const out = [];
    if (this.pathsBase !== null) {
      let best = null;
      for (const [pattern, targets] of this.paths) {
        let captured = null;
        const star = pattern.indexOf('*');
        if (star < 0) {
          if (pattern === specifier) captured = '';
        } else {
          const prefix = pattern.slice(0, star);
          const suffix = pattern.slice(star + 1);
          if (
            specifier.startsWith(prefix) &&
            specifier.endsWith(suffix) &&
            Buffer.byteLength(specifier) >= Buffer.byteLength(prefix) + Buffer.byteLength(suffix)
          ) {
            captured = specifier.slice(prefix.length, specifier.length - suffix.length);
          }
        }
        if (captured === null) continue;
        // An exact pattern beats any wildcard; among wildcards the longest prefix wins.
        const score = star < 0 ? Infinity : Buffer.byteLength(pattern.slice(0, star));
        if (best === null || score > best.score) best = { score, captured, targets };
      }
      if (best !== null) {
        for (const target of best.targets) {
          out.push(join(this.pathsBase, target.replace('*', () => best.captured)));
        }
      }
    }
    if (this.baseUrl !== null) out.push(join(this.baseUrl, specifier));
    return out;
  }
}

/** The first relative `extends` of a tsconfig, as an existing file path. */
function extendsTarget(value, dir) {
  let first = null;
  if (typeof value === 'string') {
    first = value;
  } else if (Array.isArray(value)) {
    first = value.filter((v) => typeof v === 'string').find(isRelative) ?? null;
  }
  if (first === null || !isRelative(first)) return null;
  let p = join(dir, first);
  if (extension(p) !== 'json') p = `${p}.json`;
  return isFile(p) ? p : null;
}

/** Reads tsconfig.json (else jsconfig.json) at the project root, following relative extends. */
function readAliases(root) {
  const config = ['tsconfig.json', 'jsconfig.json'].map((n) => join(root, n)).find(isFile);
  const aliases = new Aliases();
  let havePaths = false;
  let haveBase = false;
  let next = config ?? null;
  for (let i = 0; i < MAX_EXTENDS; i += 1) {
    if (next === null) break;
    const file = next;
    next = null;
    let value;
    try {
      value = jsonc.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      break;
    }
    const dir = path.dirname(file);
    const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    const options = isObject(value) && isObject(value.compilerOptions) ? value.compilerOptions : {};
    if (!haveBase && typeof options.baseUrl === 'string') {
      aliases.baseUrl = normalize(join(dir, options.baseUrl));
      haveBase = true;
    }
    if (!havePaths && isObject(options.paths)) {
      // serde_json's map is ordered by key: ties between equal prefixes resolve the same way.
      aliases.paths = Object.keys(options.paths)
        .sort(byteCompare)
        .map((pattern) => {
          const targets = options.paths[pattern];
          return [pattern, Array.isArray(targets) ? targets.filter((t) => typeof t === 'string') : []];
        });
      aliases.pathsBase = dir;
      havePaths = true;
    }
    if (havePaths && haveBase) break;
    next = extendsTarget(isObject(value) ? value.extends : undefined, dir);
  }
  if (havePaths && aliases.baseUrl !== null) aliases.pathsBase = aliases.baseUrl;
  return aliases;
}

/** Reads a file as text when it is smaller than 2 MB and valid UTF-8. */
function readSmallText(p) {
  try {
    if (fs.statSync(p).size >= MAX_MODULE_SIZE) return null;
    const bytes = fs.readFileSync(p);
    if (bytes.length >= MAX_MODULE_SIZE) return null;
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A module loader over the file system, with caches for one run. */
class FsLoader {
  constructor() {
    /** @type {Map<string, { root: string, aliases: Aliases } | null>} */
    this.projects = new Map();
    /** @type {Map<string, string | null>} */
    this.files = new Map();
  }

  /** The project the folder `dir` (absolute) belongs to, or null. */
  projectForDir(dir) {
    if (this.projects.has(dir)) return this.projects.get(dir);
    const visited = [];
    let found = null;
    for (const ancestor of ancestors(dir)) {
      if (this.projects.has(ancestor)) {
        found = this.projects.get(ancestor);
        break;
      }
      visited.push(ancestor);
      if (ROOT_MARKERS.some((m) => isFile(join(ancestor, m)))) {
        const root = canonical(ancestor) ?? ancestor;
        found = { root, aliases: readAliases(root) };
        break;
      }
    }
    for (const d of visited) this.projects.set(d, found);
    return found;
  }

  /** The project the file `p` (absolute) belongs to, or null. */
  projectForFile(p) {
    return this.projectForDir(path.dirname(p));
  }

  /** Resolves `specifier` imported from `importer` to a project file, or null. */
  resolve(importer, specifier) {
    const project = this.projectForFile(importer);
    if (project === null) return null;
    const dir = path.dirname(importer);
    let candidates;
    if (isRelative(specifier)) {
      candidates = [join(dir, specifier)];
    } else if (specifier.startsWith('/') || specifier.includes(':') || specifier === '') {
      candidates = [];
    } else {
      candidates = project.aliases.candidates(specifier);
    }
    for (const base of candidates) {
      const found = this.findFile(project, base);
      if (found !== null) return found;
    }
    return null;
  }

  findFile(project, rawBase) {
    const base = normalize(rawBase);
    const tries = [];
    const ext = extension(base);
    if (ext !== null) {
      const swapped = { js: ['ts', 'tsx'], jsx: ['tsx'], mjs: ['mts'], cjs: ['cts'] }[ext] ?? [];
      for (const to of swapped) tries.push(withExtension(base, to));
      if (EXTENSIONS.includes(ext)) tries.push(base);
    }
    for (const e of EXTENSIONS) tries.push(`${base}.${e}`);
    for (const e of EXTENSIONS) tries.push(join(base, `index.${e}`));
    return tries.find((p) => this.allowed(project, p) && isFile(p)) ?? null;
  }

  /** Whether `p` (normalized) lies inside the project root, outside node_modules. */
  allowed(project, p) {
    const a = components(p);
    const b = components(project.root);
    if (b.parts.length > a.parts.length || a.absolute !== b.absolute) return false;
    for (let i = 0; i < b.parts.length; i += 1) if (a.parts[i] !== b.parts[i]) return false;
    return !a.parts.slice(b.parts.length).includes('node_modules');
  }

  read(project, p) {
    const c = canonical(p);
    if (c === null || !this.allowed(project, c)) return null;
    if (!this.files.has(c)) this.files.set(c, readSmallText(c));
    const text = this.files.get(c);
    return text === null ? null : { path: c, source: text };
  }

  /** The ModuleLoader contract: `{ path, source }` of a project module, or null. */
  load(importer, specifier) {
    const project = this.projectForFile(importer);
    if (project === null) return null;
    const found = this.resolve(importer, specifier);
    if (found === null) return null;
    return this.read(project, found);
  }
}

module.exports = { FsLoader, normalize, readAliases };
