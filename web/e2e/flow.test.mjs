// The main flow: paste a seed example → findings highlighted → explanation → fixed pane →
// Share → the link restores the same state in a new page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, ready, setCode, analysed, shot, readExample, findingRows, highlightedText } from "./harness.mjs";

let srv, browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

test("pasting the seed's vulnerable deletePost shows missing-authn highlighted, explained and fixed; Share restores it", async (t) => {
  const { context, page, problems } = await newPage(browser);
  const started = Date.now();
  await page.goto(srv.url);
  await ready(page);
  t.diagnostic(`app ready with first findings after ${Date.now() - started} ms`);

  const code = await readExample("seed-delete-post-action-vulnerable.ts");
  await setCode(page, code);
  await analysed(page);
  assert.equal(await highlightedText(page), code, "the highlighted layer shows exactly the pasted text");

  const rows = await findingRows(page);
  assert.deepEqual(rows.map((r) => [r.rule, r.action]), [["missing-authn", "deletePostAction"]]);

  // Underlined in the severity colour, with a gutter marker, on the delete call.
  const marked = await page.locator("pre.code-layer .mk-high").first().evaluate((el) => el.closest(".ln").textContent);
  assert.match(marked, /db\.post\.delete/);
  assert.equal(await page.locator("pre.code-layer .ln.g-high").count(), 1);
  const underline = await page.locator("pre.code-layer .mk-high").first().evaluate((el) => getComputedStyle(el).textDecorationLine);
  assert.match(underline, /underline/);
  await shot(page, "flow-1-pasted");

  // Hovering the underlined code shows the message.
  const box = await page.locator("pre.code-layer .mk-high").first().boundingBox();
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  await page.waitForSelector(".tooltip.visible");
  assert.match(await page.locator(".tooltip").textContent(), /missing-authn/);
  await shot(page, "flow-2-hover");
  await page.mouse.move(5, 5);

  // Clicking the finding moves the cursor to its span and opens its explanation.
  await page.locator(".finding-list .finding").first().click();
  const selection = await page.locator("textarea.input-layer").evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.match(selection, /^db\.post\.delete\(/);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("input-layer")), true);
  assert.equal((await findingRows(page))[0].pressed, "true");
  assert.match(await page.locator(".explain-pane h2").textContent(), /authentication/i);
  const cwe = page.locator(".explain-pane a.cwe");
  assert.equal(await cwe.getAttribute("href"), "https://cwe.mitre.org/data/definitions/306.html");
  assert.match(await page.locator(".editor-status").textContent(), /missing-authn/);
  await shot(page, "flow-3-selected");

  // The fixed pane shows the fix, with its lines marked as added.
  const added = await page.locator(".fixed-pane .ln.d-add").allTextContents();
  assert.ok(added.some((l) => /await verifySession\(\)|await auth\(\)/.test(l)), `added lines: ${added.join(" | ")}`);
  assert.match(await page.locator("[data-testid=fix-note]").textContent(), /Closes all 2 high gaps\./);

  // Share copies the link and says so.
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForSelector("[data-testid=toast]");
  assert.match(await page.locator("[data-testid=toast]").textContent(), /Link copied/);
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /#v1\./);
  const clip = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  if (clip !== null) assert.equal(clip, link);
  assert.equal(page.url(), link, "the address bar holds the same link");
  await shot(page, "flow-4-shared");

  // Opening the link in a new page restores code, file name, selection and options.
  const second = await context.newPage();
  const opened = Date.now();
  await second.goto(link);
  await second.waitForSelector(".finding-list .finding[aria-pressed=true]", { timeout: 20000 });
  t.diagnostic(`first findings ${Date.now() - opened} ms after opening the permalink`);
  assert.equal(await second.locator("textarea.input-layer").inputValue(), code);
  assert.equal(await second.locator("#file-name").inputValue(), "app/actions/posts.ts");
  assert.deepEqual((await findingRows(second)).map((r) => [r.rule, r.pressed]), [["missing-authn", "true"]]);
  assert.match(await second.locator(".explain-pane h2").textContent(), /authentication/i);
  assert.equal(await second.locator(".fixed-pane").isVisible(), true);
  await shot(second, "flow-5-restored");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the file name and language selector re-analyse as TSX and keep it in the link", async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, await readExample("lib-inline-page.tsx"));
  await page.selectOption("#language", "tsx");
  await analysed(page);
  assert.equal(await page.locator("#file-name").inputValue(), "app/actions/posts.tsx");
  const rows = await findingRows(page);
  assert.deepEqual(rows.map((r) => r.rule), ["missing-authn"]);
  assert.equal(await page.locator(".errors").count(), 0);
  // An invalid name is refused with a message, the last good one stays.
  await page.fill("#file-name", "../evil name.exe");
  await page.press("#file-name", "Enter");
  assert.equal(await page.locator("#file-name").getAttribute("aria-invalid"), "true");
  assert.match(await page.locator(".field-error").textContent(), /extension/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("syntax errors are shown distinctly and the rest is still analysed; a clean file names the actions checked", async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, '"use server";\nexport async function broken( {\n  await db.post.delete({ where: { id } });\n');
  await analysed(page);
  assert.ok((await page.locator(".error-item").count()) >= 1);
  assert.ok((await page.locator("pre.code-layer .mk-error").count()) >= 1);
  assert.ok((await page.locator("pre.code-layer .ln.g-error").count()) >= 1);
  assert.match(await page.locator("[data-testid=summary]").textContent(), /syntax error/);
  await shot(page, "syntax-error");

  await setCode(page, await readExample("seed-delete-post-authjs.ts"));
  await analysed(page);
  assert.match(await page.locator("[data-testid=no-findings]").textContent(), /No findings\. Checked 1 Server Action: deletePost\./);
  assert.match(await page.locator("[data-testid=fix-note]").textContent(), /nothing to change/);
  await shot(page, "no-findings");
  assert.deepEqual(problems, []);
  await context.close();
});

test("keyboard: Ctrl+Enter re-analyses and Ctrl+S copies the link", async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await page.locator("textarea.input-layer").focus();
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector("[data-testid=toast]");
  assert.match(await page.locator("[data-testid=toast]").textContent(), /Analysed/);
  await page.keyboard.press("Control+s");
  await page.waitForFunction(() => /Link copied/.test(document.querySelector("[data-testid=toast]")?.textContent || ""));
  assert.match(page.url(), /#v1\./);
  // Focus order on a fresh page: skip link, file name, language, toolbar, editor, fixed pane, findings.
  const fresh = await context.newPage();
  await fresh.goto(srv.url);
  await ready(fresh);
  const order = [];
  for (let i = 0; i < 20; i++) {
    await fresh.keyboard.press("Tab");
    order.push(await fresh.evaluate(() => {
      const el = document.activeElement;
      return el.id || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 20) || el.className;
    }));
  }
  // The file tabs sit between the toolbar and the editor.
  assert.deepEqual(order.slice(0, 13), [
    "Skip to findings", "file-name", "language", "Examples", "Open folder", "Fix side by side", "Analyse", "Embed",
    "Share", "app/actions/posts.ts", "+ Add file", "Code to analyse", "Copy",
  ]);
  assert.ok(order.some((o) => /^High severity: missi/.test(o)), order.join(" | "));
  assert.deepEqual(problems, []);
  await context.close();
});
