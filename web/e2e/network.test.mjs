// Privacy and offline: after the load event the page makes no network request (the code never
// leaves the browser); the service worker makes the playground work offline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, ready, setCode, analysed, shot, readExample } from "./harness.mjs";

let srv, browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

test("no request leaves the page after load, whatever the user does; the CSP is never violated", async () => {
  const { context, page, problems } = await newPage(browser, { serviceWorkers: "allow" });
  const csp = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(srv.url, { waitUntil: "load" });
  await ready(page);
  // Let the service worker install and precache (its own requests are allowed).
  await page.waitForFunction(() => navigator.serviceWorker?.controller || navigator.serviceWorker?.ready.then(() => true), null, { timeout: 15000 });
  await page.waitForTimeout(500);
  const after = [];
  const record = (req) => {
    const fromWorker = !!req.serviceWorker?.() || req.frame?.() == null;
    after.push({ url: req.url(), fromWorker });
  };
  context.on("request", record);
  const served = srv.requests.length;

  await setCode(page, await readExample("lib-supabase-getsession.ts"));
  await analysed(page);
  await page.locator(".finding-list .finding").first().click();
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForSelector("[data-testid=toast]");
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator('dialog.gallery .card[data-example="lib-zsa.ts"]').click();
  await analysed(page);
  await page.getByRole("button", { name: "Embed" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Fix side by side" }).click();
  await page.keyboard.type("// typing more");
  await analysed(page);
  await page.waitForTimeout(800);

  context.off("request", record);
  const fromPage = after.filter((r) => !r.fromWorker);
  assert.deepEqual(fromPage, [], `requests after load: ${JSON.stringify(fromPage)}`);
  assert.equal(srv.requests.length, served, `the server saw ${srv.requests.slice(served).join(", ")}`);
  assert.deepEqual(csp, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("once loaded, the playground works offline (service worker cache)", async (t) => {
  const { context, page, problems } = await newPage(browser, { serviceWorkers: "allow" });
  await page.goto(srv.url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).length))));
  t.diagnostic(`service worker cache entries: ${cached}`);
  await context.setOffline(true);
  const served = srv.requests.length;
  await page.goto(`${srv.url}?embed`);
  await ready(page);
  assert.equal(await page.locator(".app.embed").count(), 1);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, await readExample("seed-delete-user-vulnerable.ts"));
  await analysed(page);
  assert.equal(await page.locator(".finding-list .finding").count(), 1);
  // A big paste is analysed in the analysis worker: its script and the glue it imports come
  // from the cache too (a worker that cannot start says so in a console warning, and the page
  // falls back to its main thread).
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const big = (await readExample("seed-posts-vulnerable.ts")).replace(/^(\/\/[^\n]*\n)*"use server";\n/, "");
  const copies = Array.from({ length: 60 }, (_, i) => big.replace(/function (\w+)/g, (_, n) => `function ${n}${i}`));
  await setCode(page, ['"use server";', ...copies].join("\n") + "\n");
  await analysed(page);
  assert.equal(await page.locator("[data-testid=summary]").textContent(), "180 findings (120 high) in 120 actions");
  assert.ok(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => /analysis-worker-[0-9a-f]+\.js$/.test(e.name))), "the worker was started");
  assert.deepEqual(warnings.filter((w) => /analysis worker/.test(w)), []);
  assert.equal(srv.requests.length, served, "offline: nothing reached the server");
  await shot(page, "offline");
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await context.close();
});
