// Several files: an assumption's "Add file" opens a tab for the unseen helper; what is pasted
// there decides the action's verdict (imports between tabs resolve as the CLI resolves them);
// every tab travels in the link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, setCode, analysed, shot, findingRows } from "./harness.mjs";

const env = usePlayground();

// Written for this test: a thin action, and two versions of the helper it imports.
const ACTION = `"use server";
import { archiveNote } from "@/lib/notes";

export async function archive(noteId: string) {
  await archiveNote(noteId);
}
`;
const HELPER_OPEN = `import { db } from "@/lib/db";

export async function archiveNote(noteId: string) {
  await db.note.update({ where: { id: noteId }, data: { archived: true } });
}
`;
const HELPER_CHECKED = `import { db } from "@/lib/db";
import { auth } from "@/auth";

export async function archiveNote(noteId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  await db.note.updateMany({ where: { id: noteId, authorId: session.user.id }, data: { archived: true } });
}
`;

const tabNames = (page) => page.locator("[data-testid=file-tabs] .file-tab-name").allTextContents();

async function showTab(page, name) {
  await page.locator("[data-testid=file-tabs] .file-tab-name", { hasText: name }).click();
  await analysed(page);
}

test("Add file opens the unseen helper, and its code decides the verdict", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await setCode(page, ACTION);
  await analysed(page);
  assert.deepEqual(await findingRows(page), []);
  assert.equal(await page.locator("[data-testid=no-findings] .check").textContent(), "?");

  await page.locator("[data-testid=add-file]").click();
  await analysed(page);
  const names = await tabNames(page);
  assert.equal(names.length, 2);
  assert.equal(names[1], "lib/notes.ts");
  assert.equal(await page.locator("[data-testid=file-tabs] .file-tab.active .file-tab-name").textContent(), "lib/notes.ts");
  assert.equal(await page.locator("textarea.input-layer").inputValue(), "");

  // A helper that checks nothing: the action is a hole. The helper's tab says so in its list
  // of other files, and that row opens the action's tab.
  await setCode(page, HELPER_OPEN);
  await analysed(page);
  assert.match(await page.locator("[data-testid=no-findings]").textContent(), /No Server Actions in this file\./);
  const other = page.locator("[data-testid=other-files] .other-file");
  assert.equal(await other.count(), 1);
  assert.match(await other.textContent(), new RegExp(`${names[0]} — 1 finding \\(1 high\\) in 1 action`));
  await other.click();
  await analysed(page);
  assert.equal(await page.locator("textarea.input-layer").inputValue(), ACTION);
  const rows = await findingRows(page);
  assert.ok(rows.some((r) => r.rule === "missing-authn" && r.action === "archive"), JSON.stringify(rows));

  // A helper that checks the session and ownership: clean, with no assumption left.
  await showTab(page, "lib/notes.ts");
  await setCode(page, HELPER_CHECKED);
  await showTab(page, names[0]);
  assert.deepEqual(await findingRows(page), []);
  assert.equal(await page.locator("[data-testid=assumptions]").count(), 0);
  assert.equal(await page.locator("[data-testid=no-findings] .check").textContent(), "✓");

  // A third file, then the link carries all three and opens them as tabs.
  await page.locator("[data-testid=add-tab]").click();
  await analysed(page);
  await setCode(page, `export const db = {} as any;\n`);
  await showTab(page, names[0]);
  await shot(page, "three-tabs", { reference: true });
  await page.waitForFunction(() => location.hash.startsWith("#v2."), null, { timeout: 5000 });
  const link = await page.evaluate(() => location.href);

  const second = await newPage(env.browser);
  await second.page.goto(link);
  await ready(second.page);
  assert.deepEqual(await tabNames(second.page), await tabNames(page));
  assert.equal(await second.page.locator("textarea.input-layer").inputValue(), ACTION);
  assert.deepEqual(await findingRows(second.page), []);
  await showTab(second.page, "lib/notes.ts");
  assert.equal(await second.page.locator("textarea.input-layer").inputValue(), HELPER_CHECKED);

  // Closing a tab brings its helper's verdict back to an assumption.
  await showTab(page, "lib/notes.ts");
  await page.locator("[data-testid=file-tabs] .file-tab.active .file-tab-close").click();
  await analysed(page);
  assert.equal((await tabNames(page)).length, 2);
  assert.deepEqual(problems, []);
  assert.deepEqual(second.problems, []);
});

test("multi-file gallery examples open as tabs, and an embed shows them", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  for (const [id, files, high] of [
    ["dal-thin-action", ["app/notes/actions.ts", "lib/dal.ts"], []],
    ["raw-query-module", ["app/notes/actions.ts", "lib/queries.ts"], ["missing-authn"]],
    ["safe-action-client", ["app/invoices/actions.ts", "lib/safe-action.ts"], ["missing-authz"]],
    ["wrapper-in-helper", ["app/bookmarks/actions.ts", "lib/with-user.ts"], []],
  ]) {
    await page.getByRole("button", { name: "Examples" }).click();
    await page.locator(`[data-example="${id}"]`).click();
    await analysed(page);
    assert.deepEqual(await tabNames(page), files, id);
    const rules = (await findingRows(page)).map((r) => r.rule).filter((r) => high.includes(r) || r.startsWith("missing"));
    assert.deepEqual(rules, high, id);
    assert.equal(await page.locator("[data-testid=assumptions]").count(), 0, id);
  }
  await page.waitForFunction(() => location.hash.startsWith("#v2."), null, { timeout: 5000 });
  const fragment = await page.evaluate(() => location.hash);

  const embed = await newPage(env.browser, { width: 760, height: 460 });
  await embed.page.goto(`${env.srv.url}?embed${fragment}`);
  await ready(embed.page);
  assert.deepEqual(await tabNames(embed.page), ["app/bookmarks/actions.ts", "lib/with-user.ts"]);
  assert.equal(await embed.page.locator("[data-testid=add-tab]").count(), 0);
  await showTab(embed.page, "lib/with-user.ts");
  assert.match(await embed.page.locator("textarea.input-layer").inputValue(), /export function withUser/);
  await shot(embed.page, "embed-tabs");
  assert.deepEqual(problems, []);
  assert.deepEqual(embed.problems, []);
});

test("tabs reorder by dragging and with Alt+Shift+arrows, and the link keeps the order", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator('[data-example="dal-thin-action"]').click();
  await analysed(page);
  await page.locator("[data-testid=add-tab]").click();
  await analysed(page);
  assert.deepEqual(await tabNames(page), ["app/notes/actions.ts", "lib/dal.ts", "lib/helpers.ts"]);

  // The keyboard: the focused tab moves left, keeps the focus, and stays the active file.
  const helpers = page.locator("[data-testid=file-tabs] .file-tab-name", { hasText: "lib/helpers.ts" });
  await helpers.focus();
  await page.keyboard.press("Alt+Shift+ArrowLeft");
  assert.deepEqual(await tabNames(page), ["app/notes/actions.ts", "lib/helpers.ts", "lib/dal.ts"]);
  // The focus follows the moved tab in the next frame.
  await page.waitForFunction(() => document.activeElement?.textContent === "lib/helpers.ts", null, { timeout: 5000 });
  assert.equal(await page.locator("[data-testid=file-tabs] .file-tab.active .file-tab-name").textContent(), "lib/helpers.ts");

  // Dragging: the first tab onto the last.
  const tabs = page.locator("[data-testid=file-tabs] .file-tab");
  await tabs.nth(0).dragTo(tabs.nth(2));
  assert.deepEqual(await tabNames(page), ["lib/helpers.ts", "lib/dal.ts", "app/notes/actions.ts"]);
  assert.equal(await page.locator("[data-testid=file-tabs] .file-tab.active .file-tab-name").textContent(), "lib/helpers.ts");

  // Share writes the link at once (no waiting on the debounced URL update).
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /#v2\./);
  const second = await newPage(env.browser);
  await second.page.goto(link);
  await ready(second.page);
  assert.deepEqual(await tabNames(second.page), ["lib/helpers.ts", "lib/dal.ts", "app/notes/actions.ts"]);
  assert.deepEqual(problems, []);
  assert.deepEqual(second.problems, []);
});
