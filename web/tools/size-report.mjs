// Size report: the wasm after wasm-opt, and the gzip size of everything the page loads,
// checked against the budget in web/size-budget.json. Exit 1 when a budget is exceeded.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const [dist = "dist", budgetFile = "web/size-budget.json"] = process.argv.slice(2);
const budget = JSON.parse(readFileSync(budgetFile, "utf8"));
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
// What the page loads: index.html and what it references (the service worker and the
// manifest's icon are fetched after load by the browser and are listed separately).
const html = readFileSync(join(dist, "index.html"), "utf8");
const loaded = ["index.html", ...files.filter((f) => f !== "index.html" && html.includes(f))];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let totalRaw = 0, totalGz = 0, wasmRaw = 0, wasmGz = 0;
const rows = [];
for (const f of loaded) {
  const body = readFileSync(join(dist, f));
  const gz = gzipSync(body, { level: 9 }).length;
  totalRaw += body.length;
  totalGz += gz;
  if (f.endsWith(".wasm")) { wasmRaw += body.length; wasmGz += gz; }
  rows.push([f, body.length, gz]);
}
for (const [f, raw, gz] of rows) console.log(`  ${f.padEnd(52)} ${kb(raw).padStart(11)}  gzip ${kb(gz).padStart(10)}`);
console.log(`  ${"wasm (after wasm-opt)".padEnd(52)} ${kb(wasmRaw).padStart(11)}  gzip ${kb(wasmGz).padStart(10)}`);
console.log(`  ${"everything the page loads".padEnd(52)} ${kb(totalRaw).padStart(11)}  gzip ${kb(totalGz).padStart(10)}`);
const report = { wasm_bytes: wasmRaw, wasm_gzip_bytes: wasmGz, total_bytes: totalRaw, total_gzip_bytes: totalGz, files: rows.map(([file, bytes, gzip]) => ({ file, bytes, gzip })) };
mkdirSync("web/test-results", { recursive: true });
writeFileSync("web/test-results/sizes.json", JSON.stringify(report, null, 2) + "\n");
const over = [];
if (wasmRaw > budget.wasm_bytes) over.push(`wasm ${kb(wasmRaw)} > budget ${kb(budget.wasm_bytes)}`);
if (totalGz > budget.total_gzip_bytes) over.push(`gzip total ${kb(totalGz)} > budget ${kb(budget.total_gzip_bytes)}`);
if (over.length) {
  console.error(`size budget exceeded: ${over.join("; ")}`);
  process.exit(1);
}
console.log(`  within budget (wasm ≤ ${kb(budget.wasm_bytes)}, gzip total ≤ ${kb(budget.total_gzip_bytes)})`);
