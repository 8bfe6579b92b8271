// Embeds that fit the post: the Embed dialog sizes the frame to the code and sets its colours
// and first tab; the embed honours them, opens the Fix tab at the first change, and its
// findings rows carry their message. A post with three embeds, light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, analysed, shot } from "./harness.mjs";

const env = usePlayground();

/** The snippet the Embed dialog gives with the chosen options. */
async function snippetFor(page, { theme = "auto", tab = "code" } = {}) {
  await page.getByRole("button", { name: "Embed" }).click();
  await page.locator("[data-testid=embed-theme]").selectOption(theme);
  await page.locator("[data-testid=embed-tab]").selectOption(tab);
  const box = page.locator("#embed-snippet");
  await page.waitForFunction(
    ([t, f]) => {
      const v = document.querySelector("#embed-snippet")?.value || "";
      return (t === "auto" || v.includes(`theme=${t}`)) && (f === "code" || v.includes("tab=fix"));
    },
    [theme, tab],
  );
  const text = await box.inputValue();
  await page.getByRole("button", { name: "Close embed" }).click();
  return text;
}

const srcOf = (snippet) => snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");

test("the snippet's height, theme and first tab take effect in the embed", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  const code = await page.locator("textarea.input-layer").inputValue();
  const lines = code.split("\n").length - (code.endsWith("\n") ? 1 : 0);
  const findings = await page.locator(".finding").count();
  const snippet = await snippetFor(page, { theme: "dark", tab: "fix" });
  assert.match(snippet, /\?embed&amp;theme=dark&amp;tab=fix#v1\./);
  assert.match(snippet, /loading="lazy"/);
  const height = Number(snippet.match(/height="(\d+)"/)[1]);
  assert.equal(height, Math.min(900, Math.max(260, lines * 20 + Math.max(1, findings) * 60 + 140)));

  // A reader on a light system still gets the dark embed the writer chose.
  const reader = await newPage(env.browser, { width: 760, height, colorScheme: "light" });
  await reader.page.goto(srcOf(snippet));
  // The editor is hidden behind the Fix tab: wait for the findings instead.
  await reader.page.waitForSelector(".findings-pane[data-state=done]", { timeout: 20000 });
  assert.equal(await reader.page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await reader.page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(13, 16, 20)");
  // It opens on the Fix tab, scrolled to the first change.
  assert.equal(await reader.page.getByRole("button", { name: /^Fix/ }).getAttribute("aria-pressed"), "true");
  const first = reader.page.locator(".fixed-pane .d-add").first();
  await first.waitFor();
  await reader.page.waitForFunction(() => {
    const line = document.querySelector(".fixed-pane .d-add");
    const box = document.querySelector(".fixed-pane .code-scroll").getBoundingClientRect();
    const r = line.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  });
  // Findings rows carry their message.
  await reader.page.getByRole("button", { name: "Code" }).click();
  const msg = reader.page.locator(".finding .msg").first();
  assert.match(await msg.textContent(), /without looking up the session/);
  await shot(reader.page, "embed-dark-fix");
  assert.deepEqual(problems, []);
  assert.deepEqual(reader.problems, []);
});

test("a post with three embeds, light and dark", async () => {
  const { page } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  const srcs = [];
  for (const id of ["seed-posts-vulnerable.ts", "seed-transfer-funds-vulnerable.ts", "lib-stripe-refund.js"]) {
    await page.getByRole("button", { name: "Examples" }).click();
    await page.locator(`[data-example="${id}"]`).click();
    await analysed(page);
    srcs.push(await snippetFor(page));
  }
  for (const scheme of ["light", "dark"]) {
    const post = await newPage(env.browser, { width: 900, height: 1900, colorScheme: scheme });
    const body = srcs.map((s, i) => `<h2>Example ${i + 1}</h2><p>What the reader sees, in the post's own column.</p>${s.replace('loading="lazy"', 'loading="eager"')}`).join("\n");
    await post.page.setContent(`<!doctype html><html><body style="font-family:sans-serif;max-width:760px;margin:24px auto;color-scheme:${scheme};background:${scheme === "dark" ? "#111" : "#fff"};color:${scheme === "dark" ? "#eee" : "#111"}"><h1>Who can call this Server Action?</h1>${body}</body></html>`);
    for (const frame of post.page.frames().slice(1)) {
      await frame.waitForSelector(".findings-pane[data-state=done]", { timeout: 20000 });
    }
    assert.equal(post.page.frames().length, 4);
    await shot(post.page, `post-three-embeds-${scheme}`, { reference: true });
  }
});
