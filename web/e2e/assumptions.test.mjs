// Honest snippets: a thin action over a helper the page was not given is never a plain green
// check. The findings pane says "no findings, if …" and lists each assumption with its import.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, ready, setCode, analysed, shot, findingRows } from "./harness.mjs";

let srv, browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

// Written for this test: a thin action file whose data helpers live in a module not pasted.
const THIN = `"use server";
import { removeThreadById, setThreadSharing } from "@/data/threads";

export async function removeThread({ id }: { id: string }) {
  await removeThreadById({ id });
}

export async function shareThread(threadId: string, shared: boolean) {
  await setThreadSharing({ threadId, shared });
}
`;

test("a thin action over an unseen helper lists its assumptions instead of a green check", async () => {
  const { page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, THIN);
  await analysed(page);

  assert.deepEqual(await findingRows(page), []);
  const state = page.locator("[data-testid=no-findings]");
  assert.match(await state.textContent(), /No findings, if the assumptions below hold\. Checked 2 Server Actions: removeThread and shareThread\./);
  assert.equal(await state.locator(".check").textContent(), "?");
  assert.equal(await state.evaluate((el) => el.classList.contains("conditional")), true);

  const items = page.locator("[data-testid=assumptions] .assumption");
  assert.equal(await items.count(), 2);
  assert.deepEqual(await items.evaluateAll((li) => li.map((l) => l.dataset.import)), ["removeThreadById", "setThreadSharing"]);
  assert.match(await items.first().textContent(), /removeThreadById from @\/data\/threads is assumed to check the caller itself \(in removeThread, line 5\): add that file to know\./);
  await shot(page, "assumption-state", { reference: true });

  // A file that imports nothing unseen gets the plain check.
  await setCode(page, `"use server";\nexport async function ping() {\n  return "pong";\n}\n`);
  await analysed(page);
  assert.equal(await page.locator("[data-testid=assumptions]").count(), 0);
  assert.equal(await page.locator("[data-testid=no-findings] .check").textContent(), "✓");
  assert.deepEqual(problems, []);
});
