// Shared helpers for the end-to-end tests: a tiny static server for dist/ and headless
// Debian Chromium driven by playwright-core (no browser download: /usr/bin/chromium).
import { before, after } from "node:test";
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "..", "..");
export const distDir = resolve(process.env.PLAYGROUND_DIST || join(repoRoot, "dist"));
export const resultsDir = join(repoRoot, "web", "test-results");
export const screenshotsDir = join(repoRoot, "web", "screenshots");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

/** Serves `root` on 127.0.0.1 (random port). Returns { url, close, requests }. */
export async function serve(root = distDir) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] || "application/octet-stream",
        "cache-control": "no-cache",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Launches Debian's Chromium headless. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
    ],
  });
}

/** A new context + page, collecting console errors and page errors. */
export async function newPage(browser, { width = 1440, height = 900, colorScheme = "light", clipboard = true, serviceWorkers = "block" } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    deviceScaleFactor: 1,
    serviceWorkers,
  });
  if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, problems };
}

/** Waits until the app has mounted and finished its first analysis. */
export async function ready(page) {
  await page.waitForSelector("textarea.input-layer", { timeout: 20000 });
  await page.waitForSelector(".findings-pane[data-state=done]", { timeout: 20000 });
}

/** Replaces the editor's text as a paste would (fires one input event). */
export async function setCode(page, code) {
  await page.locator("textarea.input-layer").evaluate((el, text) => {
    el.focus();
    el.select();
    // Chrome's editing pipeline is very slow for huge inserts; a real paste is not, so large
    // texts are set directly with the events a paste fires: `paste` (the page sees the whole
    // text selected) and then `input`.
    if (text.length > 20000 || !document.execCommand("insertText", false, text)) {
      el.dispatchEvent(new Event("paste", { bubbles: true }));
      el.value = text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }
  }, code);
}

/**
 * Waits for the analysis of the current text (status says "Analysed") with its fixes settled (a
 * big input's findings show first, its fixed version after).
 */
export async function analysed(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForSelector(".findings-pane[data-state=done]:not([data-fixes=settling])", { timeout: 20000 });
}

export async function shot(page, name, { reference = false } = {}) {
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`) });
  if (reference) {
    await mkdir(screenshotsDir, { recursive: true });
    await page.screenshot({ path: join(screenshotsDir, `${name}.png`) });
  }
}

/**
 * A gallery example's code, as the gallery shows it: a library example's file, or for an article
 * example (`example!(seed "ID" = "FIXTURE", ..)` in examples.rs) the seed fixture without its
 * `// expect:` labels, as `crates/playground/build.rs` makes it.
 */
export async function readExample(id) {
  const gallery = await readFile(join(repoRoot, "crates", "playground", "src", "examples.rs"), "utf8");
  const seed = gallery.match(new RegExp(`example!\\(seed "${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" = "([^"]+)"`));
  if (!seed) return readFile(join(repoRoot, "crates", "playground", "examples", id), "utf8");
  const text = await readFile(join(repoRoot, "tests", "fixtures", "seeds", seed[1]), "utf8");
  return text
    .split(/(?<=\n)/)
    .filter((line) => !line.trimStart().startsWith("// expect:"))
    .join("");
}

import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const LZString = require("lz-string");

/** A v1 permalink fragment for any JSON object (lets tests craft hostile links). */
export function craftFragment(obj) {
  return "v1." + LZString.compressToEncodedURIComponent(JSON.stringify(obj));
}

/** Text of the editor's highlighted layer. */
export async function highlightedText(page) {
  return page.locator("pre.code-layer").first().evaluate((pre) => [...pre.children].map((l) => l.textContent).join("\n"));
}

/** Finding rows as { rule, action, pressed }. */
export async function findingRows(page) {
  return page.locator(".finding-list .finding").evaluateAll((buttons) =>
    buttons.map((b) => ({
      rule: b.dataset.rule,
      action: b.querySelector(".action")?.textContent,
      line: b.querySelector(".line")?.textContent,
      pressed: b.getAttribute("aria-pressed"),
    })),
  );
}

/**
 * Serves dist/ and launches Chromium before a test file's tests, and closes both after them:
 * `const env = usePlayground();` then `env.srv.url`, `env.browser`.
 */
export function usePlayground() {
  const env = {};
  before(async () => {
    env.srv = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.close();
  });
  return env;
}
