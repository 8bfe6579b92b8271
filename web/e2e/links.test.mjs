// Links: mangled and hostile permalinks, embed mode, the gallery and history.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, newPage, ready, setCode, analysed, shot, findingRows, craftFragment, highlightedText } from "./harness.mjs";

let srv, browser;
before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const DEFAULT_MARK = "export async function deletePost(formData: FormData)";

test("a mangled link shows a clear message and opens the default example", async () => {
  const good = craftFragment({ code: '"use server";\nexport async function f() {}\n', file: "a.ts" });
  const cases = [
    [good.slice(0, good.length - 9), /incomplete|damaged/],
    ["v1.@@@not-base64@@@", /character/],
    ["v7.abcdef", /different version/],
    ["hello-world", /doesn't look like a playground link/],
    [craftFragment({ code: "x".repeat(1_200_000), file: "a.ts" }), /larger than the playground's limit/],
    [craftFragment([1, 2, 3]), /format the playground expects/],
  ];
  for (const [i, [fragment, message]] of cases.entries()) {
    const { context, page, problems } = await newPage(browser);
    await page.goto(`${srv.url}#${fragment}`);
    await ready(page);
    const notice = page.locator(".notice[role=alert]");
    assert.match(await notice.textContent(), message);
    assert.match(await notice.textContent(), /default example is shown instead/);
    assert.ok((await page.locator("textarea.input-layer").inputValue()).includes(DEFAULT_MARK));
    assert.ok((await findingRows(page)).length > 0, "the default example is analysed");
    if (i === 0) await shot(page, "mangled-link", { reference: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a link with an invalid file name or out-of-range selection still opens", async () => {
  const { context, page, problems } = await newPage(browser);
  const fragment = craftFragment({ code: '"use server";\nexport async function f(id) { await db.post.delete({ where: { id } }); }\n', file: "<img src=x onerror=alert(1)>.tsx", selected: 999999, options: { show_fixed: false } });
  await page.goto(`${srv.url}#${fragment}`);
  await ready(page);
  assert.equal(await page.locator("#file-name").inputValue(), "actions.tsx");
  assert.equal(await page.locator(".notice").count(), 0);
  assert.deepEqual((await findingRows(page)).map((r) => r.pressed), ["false"]);
  assert.equal(await page.locator(".fixed-pane").isVisible(), false, "show_fixed: false hides the fixed pane");
  assert.deepEqual(problems, []);
  await context.close();
});

const PAYLOADS = [
  "<script>window.__xss = 'script'</script>",
  "<img src=x onerror=\"window.__xss='img'\">",
  "</textarea><img src=x onerror=alert(1)><textarea>",
  "javascript:alert(document.domain)",
  "</pre><svg onload=alert(1)>",
];
const HOSTILE = `"use server";\n// ${PAYLOADS.join("\n// ")}\nexport async function deletePost(id: string) {\n  const html = "${PAYLOADS[1].replace(/"/g, '\\"')}";\n  await db.post.delete({ where: { id, html: \`${PAYLOADS[0]}\` } });\n}\n`;

async function assertInert(page, label) {
  const injected = await page.evaluate(() => ({
    xss: window.__xss ?? null,
    imgs: document.querySelectorAll("img").length,
    svgsWithOnload: document.querySelectorAll("svg[onload]").length,
    scripts: [...document.scripts].filter((s) => !s.src).length,
    textareas: document.querySelectorAll("textarea").length,
  }));
  assert.deepEqual(
    { ...injected, textareas: injected.textareas <= 2 },
    { xss: null, imgs: 0, svgsWithOnload: 0, scripts: 0, textareas: true },
    `${label}: ${JSON.stringify(injected)}`,
  );
}

test("XSS payloads in pasted code and in a crafted permalink stay inert text", async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, HOSTILE);
  await analysed(page);
  assert.equal(await highlightedText(page), HOSTILE);
  // Hover the finding so the tooltip renders the message too.
  const box = await page.locator("pre.code-layer .mk").first().boundingBox();
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.locator(".finding-list .finding").first().click();
  await assertInert(page, "pasted");
  await shot(page, "xss-pasted");

  const fragment = craftFragment({ code: HOSTILE, file: "x.ts\"><script>alert(1)</script>.ts", selected: 0 });
  const crafted = await context.newPage();
  await crafted.goto(`${srv.url}#${fragment}`);
  await ready(crafted);
  assert.equal(await crafted.locator("textarea.input-layer").inputValue(), HOSTILE);
  await crafted.getByRole("button", { name: "Embed" }).click();
  await crafted.waitForFunction(() => document.querySelector("#embed-snippet")?.value.includes("<iframe"));
  await assertInert(crafted, "crafted link");
  const embedded = await context.newPage();
  await embedded.goto(`${srv.url}?embed#${fragment}`);
  await ready(embedded);
  await assertInert(embedded, "embed");
  assert.deepEqual(problems, [], "no dialog opened, no error");
  await context.close();
});

test("embed mode shows code with findings, a fix tab and an Open in actiongate link; Embed makes the snippet", async () => {
  const { context, page, problems } = await newPage(browser, { width: 720, height: 460 });
  const code = '"use server";\nexport async function deleteUser(userId: string) {\n  await db.user.delete({ where: { id: userId } });\n}\n';
  const fragment = craftFragment({ code, file: "app/users.ts", selected: 0, options: { show_fixed: true } });
  await page.goto(`${srv.url}?embed#${fragment}`);
  await ready(page);
  assert.equal(await page.locator(".app.embed").count(), 1);
  assert.equal(await page.locator(".topbar").count(), 0, "no toolbar in the embed");
  assert.deepEqual((await findingRows(page)).map((r) => r.rule), ["missing-authn"]);
  const open = page.locator("a.open-link");
  assert.match(await open.textContent(), /Open in actiongate/);
  const href = await open.getAttribute("href");
  assert.ok(href.startsWith(srv.url + "#v1."), href);
  assert.ok(!href.includes("embed"), href);
  assert.equal(await open.getAttribute("target"), "_blank");
  await shot(page, "embed-light", { reference: true });
  await page.getByRole("button", { name: /^Fix/ }).click();
  assert.equal(await page.locator(".fixed-pane").isVisible(), true);
  assert.equal(await page.locator(".code-pane").isVisible(), false);
  assert.ok((await page.locator(".fixed-pane .ln.d-add").count()) >= 2);
  await shot(page, "embed-fix-tab", { reference: true });
  // The opened link restores the full playground with the same state.
  const full = await context.newPage();
  await full.goto(href);
  await ready(full);
  assert.equal(await full.locator("textarea.input-layer").inputValue(), code);
  assert.equal(await full.locator(".topbar").count(), 1);

  // The Embed button on the full page produces the iframe snippet.
  await full.getByRole("button", { name: "Embed" }).click();
  await full.waitForFunction(() => document.querySelector("#embed-snippet")?.value.includes("?embed#v1."));
  const snippet = await full.locator("#embed-snippet").inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed#v1\.[A-Za-z0-9+\-$.]+" title="actiongate: app\/users\.ts"/);
  await shot(full, "embed-dialog");
  const dark = await newPage(browser, { width: 720, height: 460, colorScheme: "dark" });
  await dark.page.goto(`${srv.url}?embed#${fragment}`);
  await ready(dark.page);
  await shot(dark.page, "embed-dark", { reference: true });
  await dark.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test("choosing a gallery example loads it with its findings, and Back returns to the previous code", async () => {
  const { context, page, problems } = await newPage(browser);
  await page.goto(srv.url);
  await ready(page);
  await setCode(page, '"use server";\n// my own code\nexport async function mine() {}\n');
  await analysed(page);
  await page.getByRole("button", { name: "Examples" }).click();
  await page.waitForSelector("dialog.gallery[open]");
  const cards = await page.locator("dialog.gallery .card").count();
  assert.ok(cards >= 28, `${cards} cards`);
  await shot(page, "gallery", { reference: true });
  await page.locator('dialog.gallery .card[data-example="lib-clerk-drizzle.ts"]').click();
  await page.waitForSelector("dialog.gallery[open]", { state: "detached" });
  await analysed(page);
  assert.equal(await page.locator("#file-name").inputValue(), "app/notes/actions.ts");
  assert.match(await page.locator("textarea.input-layer").inputValue(), /@clerk\/nextjs\/server/);
  assert.deepEqual((await findingRows(page)).map((r) => r.rule), ["client-identity", "unvalidated-input"]);
  await shot(page, "gallery-loaded");
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("textarea.input-layer").value.includes("my own code"));
  await analysed(page);
  assert.equal(await page.locator("[data-testid=no-findings]").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
