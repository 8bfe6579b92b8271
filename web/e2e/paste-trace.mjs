// Where a big paste's time goes: pastes N actions (the vulnerable posts example repeated, as
// perf.test.mjs does) into the built page under a Chromium trace and prints, for the page's main
// thread, the time to the findings, its long tasks, the totals by trace event (FunctionCall:
// the wasm and its DOM calls; TimerFire: the analysis, which runs in a timer task; Layout,
// UpdateLayoutTree (style), PrePaint, Paint) and every event over 30 ms in order.
//
//   node web/e2e/paste-trace.mjs [dist directory] [actions, default 3000]
//
// A measuring tool, not a test: `scripts/test-web.sh` does not run it.
import { serve, launch, newPage, ready, setCode, readExample, distDir } from "./harness.mjs";

const dist = process.argv[2] || distDir;
const actions = Number(process.argv[3] || 3000);
const example = await readExample("seed-posts-vulnerable.ts");
const body = example.replace(/^(\/\/[^\n]*\n)*"use server";\n/, "");
const perCopy = (body.match(/export async function/g) || []).length;
const out = ['"use server";'];
for (let i = 0; i * perCopy < actions; i++) out.push(body.replace(/function (\w+)/g, (_, n) => `function ${n}${i}`));
const code = out.join("\n") + "\n";

const srv = await serve(dist);
const browser = await launch();
try {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  console.log(`${actions} actions: ${code.split("\n").length - 1} lines, ${Math.round(code.length / 1024)} KiB`);
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
  const complete = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute"] },
    transferMode: "ReportEvents",
  });
  const t0 = await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: "longtask" });
    window.__shown = null;
    let stale = false;
    const watch = () => {
      const pane = document.querySelector(".findings-pane");
      if (pane?.dataset.state === "analysing") stale = true;
      if (stale && pane?.dataset.state === "done" && pane.querySelector(".finding-list .finding")) window.__shown = performance.now();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    return performance.now();
  });
  await setCode(page, code);
  await page.waitForFunction(() => window.__shown, null, { timeout: 180000, polling: 200 });
  // Idle: a second without a long task.
  await page.evaluate(() => new Promise((resolve) => {
    const check = () => {
      const last = window.__longTasks.at(-1);
      if (performance.now() - (last ? last[0] + last[1] : 0) > 1000) resolve();
      else setTimeout(check, 100);
    };
    setTimeout(check, 100);
  }));
  const r = await page.evaluate((t0) => ({
    shown: Math.round(window.__shown - t0),
    longTasks: window.__longTasks.filter(([s]) => s >= t0).map(([s, d]) => [Math.round(s - t0), d]),
    status: document.querySelector("[data-testid=analysis-status]").textContent,
  }), t0);
  await cdp.send("Tracing.end");
  await complete;
  console.log(`findings drawn ${r.shown} ms after the paste; ${r.status}; long tasks [start, duration] (ms): ${JSON.stringify(r.longTasks)}`);
  // The renderer's main thread: the one that ran the most task time.
  const byThread = new Map();
  for (const e of events) if (e.name === "RunTask" && e.ph === "X") byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) || 0) + e.dur);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
  const mainEvents = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur);
  const start = Math.min(...mainEvents.map((e) => e.ts));
  const totals = new Map();
  for (const e of mainEvents) totals.set(e.name, (totals.get(e.name) || 0) + e.dur / 1000);
  const names = ["FunctionCall", "TimerFire", "RunMicrotasks", "Layout", "UpdateLayoutTree", "PrePaint", "Paint", "Commit"];
  console.log("main thread totals: " + names.map((n) => `${n} ${Math.round(totals.get(n) || 0)} ms`).join(", "));
  console.log("events over 30 ms [name, start, duration] (ms, from the trace's first event):");
  for (const e of mainEvents.filter((e) => e.dur > 30000 && !/RunTask|mojo/.test(e.name)).sort((a, b) => a.ts - b.ts)) {
    console.log(`  ${e.name} ${Math.round((e.ts - start) / 1000)} ${Math.round(e.dur / 1000)}`);
  }
  if (problems.length) console.log("page problems:", problems);
} finally {
  await browser.close();
  await srv.close();
}
