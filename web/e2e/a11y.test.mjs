// Accessibility: axe-core scans the main view, the gallery, a dialog and the embed, in both
// themes at 1440 and 375 px; any serious or critical violation fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { usePlayground, newPage, ready, repoRoot } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const env = usePlayground();

/** Serious and critical violations on the page as it is, one line each. */
async function violations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply to axe itself.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(" ")} — ${v.nodes[0].failureSummary.split("\n").slice(0, 2).join(" ")}`);
  });
  return result;
}

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1440, 375]) {
    test(`no serious or critical violation: ${colorScheme}, ${width} px`, async () => {
      const { page } = await newPage(env.browser, { width, height: 900, colorScheme });
      await page.goto(env.srv.url);
      await ready(page);
      const found = [];
      found.push(...(await violations(page)).map((v) => `main view: ${v}`));

      await page.getByRole("button", { name: "Examples" }).click();
      await page.locator(".gallery[open]").waitFor();
      found.push(...(await violations(page)).map((v) => `gallery: ${v}`));
      // An example with its lesson, a selected finding and its explanation.
      await page.locator('[data-example="lib-stripe-refund.js"]').click();
      await page.locator(".finding").first().click();
      await page.locator("[data-testid=lesson]").waitFor();
      found.push(...(await violations(page)).map((v) => `lesson, selected finding: ${v}`));
      // A clean file: the green state.
      await page.getByRole("button", { name: "Examples" }).click();
      await page.locator('[data-example="wrapper-in-helper"]').click();
      await page.locator("[data-testid=no-findings]").waitFor();
      found.push(...(await violations(page)).map((v) => `tabs, no findings: ${v}`));

      await page.getByRole("button", { name: "Embed" }).click();
      await page.locator(".embed-dialog[open]").waitFor();
      found.push(...(await violations(page)).map((v) => `embed dialog: ${v}`));
      await page.getByRole("button", { name: "Close embed" }).click();

      // An opened folder's report.
      await page.locator("[data-testid=folder-input]").setInputFiles(join(repoRoot, "tests", "projects", "folder-demo"));
      await page.locator("[data-testid=folder-summary]").waitFor();
      found.push(...(await violations(page)).map((v) => `folder report: ${v}`));
      await page.getByRole("button", { name: "Close the folder report" }).click();

      const embed = await newPage(env.browser, { width: Math.min(width, 760), height: 500, colorScheme });
      await embed.page.goto(`${env.srv.url}?embed${await page.evaluate(() => location.hash)}`);
      await embed.page.waitForSelector(".findings-pane[data-state=done]");
      found.push(...(await violations(embed.page)).map((v) => `embed: ${v}`));
      assert.deepEqual(found, []);
    });
  }
}
