// Big inputs are analysed in the analysis worker (a second instance of the page's own wasm
// module): the same findings and fixed version as on the main thread, the findings of the active
// tab with the other tabs listed, and an answer for older code never replaces a newer analysis.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, setCode, analysed, readExample, findingRows } from "./harness.mjs";

const env = usePlayground();

/** The vulnerable posts example's actions repeated `copies` times (renamed). */
async function repeated(copies) {
  const body = (await readExample("seed-posts-vulnerable.ts")).replace(/^(\/\/[^\n]*\n)*"use server";\n/, "");
  const out = ['"use server";'];
  for (let i = 0; i < copies; i++) out.push(body.replace(/function (\w+)/g, (_, n) => `function ${n}${i}`));
  return out.join("\n") + "\n";
}

/** Whether the page has started its analysis worker (its script was loaded). */
const workerStarted = (page) =>
  page.evaluate(() => performance.getEntriesByType("resource").some((e) => /analysis-worker-[0-9a-f]+\.js$/.test(e.name)));

/** What the page shows for the current code: rows, summary, fixed version and its diff. */
async function shown(page) {
  await page.locator(".fixed-pane .pane-head button", { hasText: "Copy" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll(".fixed-pane .pane-head button")].some((b) => b.textContent.includes("Copied")));
  return {
    rows: await findingRows(page),
    summary: await page.locator("[data-testid=summary]").textContent(),
    fixed: await page.evaluate(() => navigator.clipboard.readText()),
    diff: await page.locator(".fixed-pane .diffstat").getAttribute("aria-label"),
    note: await page.locator("[data-testid=fix-note]").textContent(),
  };
}

test("a big paste is analysed in the worker, with what the main thread shows for it", async () => {
  const code = await repeated(60);
  assert.ok(code.length > 30000, `${code.length} bytes`);
  // The same actions in a file just under the worker's threshold, analysed on the main thread:
  // the first 35 copies are a prefix of both files, so their findings must agree.
  const small = await repeated(35);
  assert.ok(small.length < 24000, `${small.length} bytes`);
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await setCode(page, small);
  await analysed(page);
  assert.equal(await workerStarted(page), false, "a small input stays on the main thread");
  const here = await shown(page);

  await setCode(page, code);
  await analysed(page);
  assert.equal(await workerStarted(page), true, "a big input goes to the worker");
  const there = await shown(page);
  assert.equal(there.summary, "180 findings (120 high) in 120 actions");
  assert.equal(here.summary, "105 findings (70 high) in 70 actions");
  assert.deepEqual(there.rows.slice(0, here.rows.length).map((r) => [r.rule, r.action, r.line]), here.rows.map((r) => [r.rule, r.action, r.line]));
  // The settled fixed version: every action fixed, nothing removed, the prefix identical.
  assert.equal(there.note, "Closes all 240 high gaps.");
  assert.equal(there.diff, "481 lines added or changed, 0 removed");
  // (Up to the smaller file's last copy: its fix adds the `auth` import after the file's last
  // import, which is in the last copy.)
  const prefix = here.fixed.slice(0, here.fixed.lastIndexOf('import { prisma } from "@/lib/prisma";'));
  assert.ok(prefix.length > 10000 && there.fixed.startsWith(prefix), "the fixed prefix is the main thread's");
  assert.match(await page.locator("[data-testid=analysis-status]").textContent(), /^Analysed in \d+ ms$/);
  assert.deepEqual(problems, []);
});

test("an answer for older code never replaces a newer analysis", async () => {
  const big = await repeated(1500);
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  // A 3,000-action paste keeps the worker busy for seconds; the user pastes a smaller file over
  // it at once (under the worker's threshold: analysed on the main thread).
  await setCode(page, big);
  await page.waitForTimeout(150);
  const small = await repeated(35);
  await setCode(page, small);
  await analysed(page);
  const expected = await page.locator("[data-testid=summary]").textContent();
  assert.equal(expected, "105 findings (70 high) in 70 actions");
  // Long after the big analysis would have finished, the page still shows the small file's.
  await page.waitForTimeout(6000);
  assert.equal(await page.locator("[data-testid=summary]").textContent(), expected);
  assert.equal(await page.locator(".findings-pane").getAttribute("data-state"), "done");
  assert.equal(await page.locator(".findings-pane").getAttribute("data-fixes"), "settled");
  assert.equal(await page.locator("textarea.input-layer").inputValue(), small);
  // And a big paste after that is answered (a worker busy with the outdated one was ended).
  await setCode(page, await repeated(80));
  await analysed(page);
  assert.equal(await page.locator("[data-testid=summary]").textContent(), "240 findings (160 high) in 160 actions");
  assert.deepEqual(problems, []);
});

test("a big tab analysed in the worker lists the other tabs' findings", async () => {
  const action = `"use server";
import { archiveNote } from "@/lib/notes";

export async function archive(noteId: string) {
  await archiveNote(noteId);
}
`;
  // A helper that checks nothing, made big by a comment: the action in the other tab is a hole.
  const helper = `// ${"padding ".repeat(4000)}
import { db } from "@/lib/db";

export async function archiveNote(noteId: string) {
  await db.note.update({ where: { id: noteId }, data: { archived: true } });
}
`;
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await setCode(page, action);
  await analysed(page);
  await page.locator("[data-testid=add-file]").click();
  await analysed(page);
  await setCode(page, helper);
  await analysed(page);
  assert.equal(await workerStarted(page), true);
  const others = page.locator("[data-testid=other-files] .other-file");
  assert.equal(await others.count(), 1);
  const first = await page.locator("[data-testid=file-tabs] .file-tab-name").first().textContent();
  assert.match(await others.first().textContent(), new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — 1 finding \\(1 high\\) in 1 action`));
  assert.deepEqual(problems, []);
});
