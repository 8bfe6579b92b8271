// Reference screenshots (committed under web/screenshots/): light and dark, desktop 1440 and
// narrow 375. Embed screenshots come from links.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, ready, shot } from "./harness.mjs";

let srv, browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

for (const scheme of ["light", "dark"]) {
  test(`desktop 1440 ${scheme}: editor, fixed version and findings side by side`, async () => {
    const { context, page, problems } = await newPage(browser, { width: 1440, height: 900, colorScheme: scheme });
    await page.goto(srv.url);
    await ready(page);
    await page.locator(".finding-list .finding").first().click();
    await page.mouse.move(1, 1);
    const [code, fixed, side] = await Promise.all([".code-pane", ".fixed-pane", ".side"].map((s) => page.locator(s).boundingBox()));
    assert.ok(code.x < fixed.x && fixed.x < side.x, "three columns");
    assert.ok(Math.abs(code.y - fixed.y) < 2);
    await shot(page, `desktop-${scheme}`, { reference: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`narrow 375 ${scheme}: tabs switch between the code and the fix`, async () => {
    const { context, page, problems } = await newPage(browser, { width: 375, height: 812, colorScheme: scheme });
    await page.goto(srv.url);
    await ready(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal scroll (${width}px)`);
    assert.equal(await page.locator(".fixed-pane").isVisible(), false);
    await shot(page, `narrow-${scheme}`, { reference: true });
    await page.getByRole("button", { name: /^Fixed version/ }).click();
    assert.equal(await page.locator(".fixed-pane").isVisible(), true);
    assert.equal(await page.locator(".code-pane").isVisible(), false);
    await shot(page, `narrow-${scheme}-fix`, { reference: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}
