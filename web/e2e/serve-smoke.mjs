// The first-run check of `make serve` (run by .ci/run): opens the served playground in headless
// Chromium and waits until the default example's findings are listed. Usage:
//   node web/e2e/serve-smoke.mjs http://127.0.0.1:PORT/ [screenshot.png]
// Exits 0 when at least one high finding shows for the default example, 1 otherwise (with why).
import { launch, newPage, findingRows } from "./harness.mjs";

const url = process.argv[2];
const screenshot = process.argv[3];
if (!url) {
  console.error("usage: node web/e2e/serve-smoke.mjs <url> [screenshot.png]");
  process.exit(2);
}

const browser = await launch();
let status = 1;
try {
  const { page, problems } = await newPage(browser);
  await page.goto(url);
  // A debug build of the analyzer is slower to load than the release one the e2e tests use.
  await page.waitForSelector(".findings-pane[data-state=done]", { timeout: 120000 });
  const rows = await findingRows(page);
  if (screenshot) await page.screenshot({ path: screenshot });
  const high = rows.filter((r) => ["missing-authn", "unchecked-session", "auth-after-mutation", "client-identity", "missing-authz"].includes(r.rule));
  if (high.length === 0) {
    console.error(`serve smoke: the default example shows no high finding (rows: ${JSON.stringify(rows)})`);
  } else if (problems.length > 0) {
    console.error(`serve smoke: the page reported errors:\n  ${problems.join("\n  ")}`);
  } else {
    console.log(`serve smoke: ${rows.length} finding(s) for the default example: ${rows.map((r) => `${r.rule} in ${r.action}`).join(", ")}`);
    status = 0;
  }
} catch (err) {
  console.error(`serve smoke: ${err.message}`);
} finally {
  await browser.close();
}
process.exit(status);
