// Trunk post_build hook (see Trunk.toml). Runs in the staging directory before it becomes dist/:
//  1. Moves Trunk's inline module loader into its own file, so the page's Content-Security-Policy
//     can forbid inline scripts (script-src 'self').
//  2. Writes the analysis worker (web/analysis-worker.js with this build's wasm-bindgen glue
//     filled in), named by its content hash, and names it in index.html's
//     <meta name="actiongate-analysis-worker"> (the page reads it there; the size report counts it).
//  3. Writes sw.js from web/sw.template.js with this build's asset list and a cache version
//     derived from the assets' content (a new build gets a new cache).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const root = process.cwd();
const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");

const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
let count = 0;
html = html.replace(inline, (_, body) => {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(staging, name), body.trim() + "\n");
  count += 1;
  return `<script type="module" src="./${name}"></script>`;
});
if (/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?\S[\s\S]*?<\/script>/.test(html)) {
  console.error("post-build: an inline script is left in index.html; the CSP would block it");
  process.exit(1);
}

// The wasm-bindgen glue the loader imports (`import init, * as bindings from '/<glue>.js'`).
const glue = readdirSync(staging).find((f) => /^actiongate-playground(-[0-9a-f]+)?\.js$/.test(f));
if (!glue) {
  console.error("post-build: no actiongate-playground-<hash>.js glue in the build; the analysis worker needs it");
  process.exit(1);
}
const workerSource = readFileSync(join(root, "web", "analysis-worker.js"), "utf8");
if (!workerSource.includes("./__GLUE__")) {
  console.error("post-build: web/analysis-worker.js does not import ./__GLUE__");
  process.exit(1);
}
// Its comments stay in the source: the page loads the code only (every embed downloads it).
const worker = workerSource
  .replace("./__GLUE__", `./${glue}`)
  .split("\n")
  .filter((line) => !/^\s*\/\//.test(line))
  .join("\n");
const workerName = `analysis-worker-${createHash("sha256").update(worker).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(staging, workerName), worker);
if (!html.includes("</head>")) {
  console.error("post-build: index.html has no </head> to name the analysis worker in");
  process.exit(1);
}
html = html.replace("</head>", `  <meta name="actiongate-analysis-worker" content="./${workerName}" />\n  </head>`);
writeFileSync(indexPath, html);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(staging)
  .map((p) => relative(staging, p).split("\\").join("/"))
  .filter((p) => p !== "sw.js")
  .sort();
const version = createHash("sha256");
for (const f of files) version.update(f).update(readFileSync(join(staging, f)));
const assets = ["./", ...files.filter((f) => f !== "index.html").map((f) => `./${f}`)];
const template = readFileSync(join(root, "web", "sw.template.js"), "utf8");
const sw = template
  .replace("__VERSION__", version.digest("hex").slice(0, 12))
  .replace("__ASSETS__", JSON.stringify(assets, null, 2));
writeFileSync(join(staging, "sw.js"), sw);
console.log(`post-build: ${count} inline loader(s) moved out, ${workerName} written, sw.js caches ${assets.length} assets`);
