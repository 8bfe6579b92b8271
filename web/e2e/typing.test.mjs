// Typing states: a parse that lost code is never a green check; the Share bar never shows a
// link of older code; a paste over the whole editor names the file from the new code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, setCode, analysed } from "./harness.mjs";

const env = usePlayground();

test("a cut-off parse shows why it cannot be checked, never a green check", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  // Mid-typing: the condition is not finished, so the rest of the action is lost to the parse.
  await setCode(page, `"use server";\nexport async function removeTeam(teamId: string) {\n  if (\n`);
  await analysed(page);
  const state = page.locator("[data-testid=no-findings]");
  assert.equal(await state.locator(".check").textContent(), "!");
  assert.match(await state.textContent(), /No findings in the code that parsed, but line \d+ does not parse/);
  assert.equal(await page.locator("[data-testid=no-findings] .check", { hasText: "✓" }).count(), 0);
  assert.deepEqual(problems, []);
});

test("the Share bar closes when the code changes, so it never shows an older link", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await page.getByRole("button", { name: "Share" }).click();
  const bar = page.locator("#share-link");
  await bar.waitFor();
  assert.equal(await bar.inputValue(), await page.evaluate(() => location.href));
  await page.locator("textarea.input-layer").press("End");
  await page.keyboard.type(" ");
  await bar.waitFor({ state: "detached" });
  assert.equal(await page.locator("#share-link").count(), 0);
  assert.deepEqual(problems, []);
});

test("a paste over the whole file takes its name from the pasted code", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  assert.equal(await page.locator("#file-name").inputValue(), "app/actions/posts.ts");
  const pasted = `// app/billing/actions.js — a file of ours\n"use server";\nexport async function refund(formData) {\n  await stripe.refunds.create({ charge: formData.get("charge") });\n}\n`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  const editor = page.locator("textarea.input-layer");
  await editor.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await analysed(page);
  assert.equal(await editor.inputValue(), pasted);
  assert.equal(await page.locator("#file-name").inputValue(), "app/billing/actions.js");
  // A paste into part of the file keeps the name.
  await editor.press("Control+End");
  await page.evaluate(() => navigator.clipboard.writeText("\n// more\n"));
  await page.keyboard.press("Control+V");
  await analysed(page);
  assert.equal(await page.locator("#file-name").inputValue(), "app/billing/actions.js");
  assert.deepEqual(problems, []);
});
