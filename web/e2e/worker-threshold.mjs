// Where the analysis worker starts to pay: pastes the vulnerable posts example repeated to
// several sizes, each three times, and prints the page's own "Analysed in N ms" (on the main
// thread below the worker's threshold, the round trip to the worker's first answer above it) and
// the longest main-thread task from the paste to the findings. The threshold is
// WORKER_MIN_BYTES in crates/playground/src/ui/analysis_worker.rs.
//
//   node web/e2e/worker-threshold.mjs [dist directory]
//
// A measuring tool, not a test: `scripts/test-web.sh` does not run it.
import { serve, launch, newPage, ready, setCode, analysed, readExample, distDir } from "./harness.mjs";

const dist = process.argv[2] || distDir;
const example = await readExample("seed-posts-vulnerable.ts");
const body = example.replace(/^(\/\/[^\n]*\n)*"use server";\n/, "");

/** The example's actions repeated (renamed) to at least `bytes` bytes. */
function sized(bytes) {
  const out = ['"use server";'];
  for (let i = 0; out.join("\n").length < bytes; i++) out.push(body.replace(/function (\w+)/g, (_, n) => `function ${n}${i}`));
  return out.join("\n") + "\n";
}

const srv = await serve(dist);
const browser = await launch();
try {
  const { page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  for (const kib of [4, 12, 20, 23, 25, 30, 60, 150]) {
    const code = sized(kib * 1024);
    const runs = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => {
        window.__longest = 0;
        window.__observer?.disconnect();
        window.__observer = new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, Math.round(e.duration));
        });
        window.__observer.observe({ type: "longtask" });
      });
      // A different text each time (the page analyses a text once).
      await setCode(page, `// run ${i}\n` + code);
      await analysed(page);
      const status = await page.locator("[data-testid=analysis-status]").textContent();
      runs.push(`${status.match(/\d+/)?.[0]} ms (longest task ${await page.evaluate(() => window.__longest)} ms)`);
    }
    const worker = await page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("analysis-worker")));
    console.log(`${String(kib).padStart(4)} KiB (${code.length} bytes, ${code.split("\n").length - 1} lines)${worker ? " [worker started]" : ""}: ${runs.join(", ")}`);
  }
  if (problems.length) console.log("page problems:", problems);
} finally {
  await browser.close();
  await srv.close();
}
