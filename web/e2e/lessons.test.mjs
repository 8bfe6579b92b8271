// Lessons in the workspace: an opened example shows its title and lesson above the code, and
// Previous / Next walk the gallery's track without opening the gallery again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, analysed, shot, readExample } from "./harness.mjs";

const env = usePlayground();

test("an example's lesson shows above the code, and Next / Previous walk the track", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  // The first visit's default example is not a lesson someone opened.
  assert.equal(await page.locator("[data-testid=lesson]").count(), 0);

  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator('[data-example="seed-transfer-funds-vulnerable.ts"]').click();
  await analysed(page);
  const lesson = page.locator("[data-testid=lesson]");
  assert.match(await lesson.locator(".lesson-step").textContent(), /^3 of \d+$/);
  assert.equal(await lesson.locator(".lesson-title").textContent(), "transferFunds with no session");
  assert.match(await lesson.locator(".lesson-line").textContent(), /Running on the server is not the same as being authenticated\./);
  await shot(page, "lesson", { reference: true });

  await lesson.getByRole("button", { name: "Next →" }).click();
  await analysed(page);
  assert.match(await lesson.locator(".lesson-step").textContent(), /^4 of /);
  assert.equal(await lesson.locator(".lesson-title").textContent(), "transferFunds with auth() and the caller's account");
  assert.equal(
    await page.locator("textarea.input-layer").inputValue(),
    await readExample("seed-transfer-funds-fixed.ts"),
  );

  await lesson.getByRole("button", { name: "← Previous" }).click();
  await analysed(page);
  assert.match(await lesson.locator(".lesson-step").textContent(), /^3 of /);

  // A link of the unchanged example opens with its lesson; editing keeps it on screen.
  await page.waitForFunction(() => location.hash.length > 10);
  const second = await newPage(env.browser);
  await second.page.goto(await page.evaluate(() => location.href));
  await ready(second.page);
  assert.equal(await second.page.locator("[data-testid=lesson] .lesson-title").textContent(), "transferFunds with no session");
  await second.page.locator("textarea.input-layer").press("End");
  await second.page.keyboard.type(" ");
  await analysed(second.page);
  assert.equal(await second.page.locator("[data-testid=lesson]").count(), 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(second.problems, []);
});

test("presenter mode: bigger code, a size control, and the arrow keys step through findings", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  const codeSize = () => page.locator("pre.code-layer").first().evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(await codeSize(), "13px");
  await page.locator("[data-testid=presenter]").click();
  assert.equal(await page.locator("[data-testid=presenter]").getAttribute("aria-pressed"), "true");
  assert.equal(await codeSize(), "18px");
  await page.locator("[data-testid=code-bigger]").click();
  assert.equal(await page.locator("[data-testid=code-size]").textContent(), "19 px");
  assert.equal(await codeSize(), "19px");

  await page.evaluate(() => document.activeElement?.blur());
  const pressed = () => page.locator(".finding-list .finding").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-pressed")));
  await page.keyboard.press("ArrowDown");
  assert.deepEqual((await pressed()).slice(0, 2), ["true", "false"]);
  await page.keyboard.press("ArrowDown");
  assert.deepEqual((await pressed()).slice(0, 2), ["false", "true"]);
  await page.keyboard.press("ArrowUp");
  assert.deepEqual((await pressed()).slice(0, 2), ["true", "false"]);
  await shot(page, "presenter", { reference: true });
  // Typing in the editor still moves the cursor, not the selection.
  await page.locator("textarea.input-layer").focus();
  await page.keyboard.press("ArrowDown");
  assert.deepEqual((await pressed()).slice(0, 2), ["true", "false"]);
  assert.deepEqual(problems, []);
});
