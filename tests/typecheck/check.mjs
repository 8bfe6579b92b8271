// Type-checks every fix (issue #14): each fixture and gallery example is copied twice, one copy
// is fixed with `actiongate check --fix`, and the TypeScript compiler checks both against the
// library declarations in stubs.d.ts. A fixed file may not have a diagnostic its original does
// not have: a fix that calls a non-callable (`auth()` on a better-auth object), misses an
// import, or scopes by an identity that may be `undefined` fails here.
//
// Fixtures are snippets (their `db` and project modules are not declared), so the check is a
// difference: diagnostics both versions share cancel out, and anything the fix introduced stays.
//
// Usage: node tests/typecheck/check.mjs   (ACTIONGATE_BIN overrides target/debug/actiongate)

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const cli = process.env.ACTIONGATE_BIN ?? path.join(root, "target/debug/actiongate");
const sources = ["tests/fixtures", "crates/playground/examples"];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

if (!fs.existsSync(cli)) {
  console.error(`actiongate binary not found at ${cli}: run \`cargo build -p actiongate-cli\` first.`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "actiongate-typecheck-"));
const files = sources.flatMap((dir) => walk(path.join(root, dir))).map((f) => path.relative(root, f));
for (const side of ["orig", "fixed"]) {
  for (const rel of files) {
    const target = path.join(tmp, side, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(root, rel), target);
  }
}
try {
  execFileSync(cli, ["check", "--fix", "--format", "compact", "."], {
    cwd: path.join(tmp, "fixed"),
    stdio: ["ignore", "ignore", "pipe"],
  });
} catch (error) {
  // Exit 1 means findings remain (the partial fixes); anything else is a failure.
  if (error.status !== 1) {
    console.error(`actiongate --fix failed (exit ${error.status}): ${error.stderr}`);
    process.exit(2);
  }
}

// A canary: a fix in another library's idiom (Auth.js `auth()` on a better-auth object, as the
// old fixes wrote) must be caught, or this check proves nothing.
const canary = "canary/better-auth.ts";
const canaryOrig = `"use server";
import { auth } from "@/lib/auth";
export async function rename(id: string) {
  return id;
}
`;
const canaryFixed = canaryOrig.replace(
  "  return id;",
  "  const session = await auth();\n  if (!session?.user?.id) throw new Error();\n  return id;",
);
for (const [side, text] of [["orig", canaryOrig], ["fixed", canaryFixed]]) {
  fs.mkdirSync(path.join(tmp, side, "canary"), { recursive: true });
  fs.writeFileSync(path.join(tmp, side, canary), text);
}

const changed = files.filter(
  (rel) => fs.readFileSync(path.join(tmp, "orig", rel), "utf8") !== fs.readFileSync(path.join(tmp, "fixed", rel), "utf8"),
);
const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
  types: [],
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
};
const rootNames = [
  path.join(here, "stubs.d.ts"),
  ...[canary, ...changed].flatMap((rel) => [path.join(tmp, "orig", rel), path.join(tmp, "fixed", rel)]),
];
const program = ts.createProgram({ rootNames, options });

function diagnostics(file) {
  const sf = program.getSourceFile(file);
  const all = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  return all.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line + 1;
    return { key: `TS${d.code}: ${text}`, line };
  });
}

// The stubs themselves must be sound, or every check below means nothing.
const stubProblems = diagnostics(path.join(here, "stubs.d.ts"));
if (stubProblems.length > 0) {
  console.error("stubs.d.ts does not type-check:");
  for (const d of stubProblems) console.error(`  line ${d.line}: ${d.key}`);
  process.exit(1);
}

function introducedBy(rel) {
  const before = new Set(diagnostics(path.join(tmp, "orig", rel)).map((d) => d.key));
  return diagnostics(path.join(tmp, "fixed", rel)).filter((d) => !before.has(d.key));
}

if (introducedBy(canary).length === 0) {
  console.error("the canary (auth() called on a better-auth object) was not caught: the check is broken");
  process.exit(1);
}

let failures = 0;
for (const rel of changed) {
  const introduced = introducedBy(rel);
  if (introduced.length > 0) {
    failures += 1;
    console.error(`${rel}: the fix introduces type errors:`);
    for (const d of introduced) console.error(`  fixed line ${d.line}: ${d.key}`);
  }
}
console.log(
  `type-checked ${changed.length} fixed files of ${files.length} (TypeScript ${ts.version}): ${
    changed.length - failures
  } introduce no type error, ${failures} do`,
);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failures > 0 ? 1 : 0);
