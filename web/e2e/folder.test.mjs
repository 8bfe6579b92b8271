// "Open folder": a small project (tests/projects/folder-demo, our own code) is picked with the
// directory input; the page lists its files with actions and their findings, and its JSON and
// SARIF downloads equal what `actiongate check --format json|sarif .` prints in that folder.
// node_modules, dist, hidden folders and what .gitignore excludes are not checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { usePlayground, newPage, ready, analysed, shot, findingRows, repoRoot } from "./harness.mjs";

const env = usePlayground();

const CLI = process.env.ACTIONGATE_BIN || join(repoRoot, "target", "debug", "actiongate");

// A vulnerable action, copied into folders the check must skip.
const SKIPPED_ACTION = `"use server";
export async function wipe(id: string) {
  await db.note.delete({ where: { id } });
}
`;

/** The fixture project in a fresh folder outside any Git repository, plus what must be skipped. */
async function projectCopy() {
  const base = await mkdtemp(join(tmpdir(), "actiongate-folder-"));
  const dir = join(base, "folder-demo");
  await cp(join(repoRoot, "tests", "projects", "folder-demo"), dir, { recursive: true });
  for (const skipped of ["generated/actions.ts", "node_modules/pkg/index.ts", "dist/actions.js", ".cache/actions.ts", "app/draft.local.ts"]) {
    await mkdir(join(dir, skipped, ".."), { recursive: true });
    await writeFile(join(dir, skipped), SKIPPED_ACTION);
  }
  return { base, dir };
}

function cli(dir, format) {
  const run = spawnSync(CLI, ["check", "--format", format, "."], { cwd: dir, encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, `actiongate check failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

async function downloaded(page, testId) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-testid=${testId}]`).click()]);
  return readFile(await download.path(), "utf8");
}

test("an opened folder is checked as the CLI checks it, and its downloads equal the CLI's output", async () => {
  const { base, dir } = await projectCopy();
  try {
    const expectedJson = cli(dir, "json");
    const expectedSarif = cli(dir, "sarif");
    const expected = JSON.parse(expectedJson);
    assert.ok(expected.findings.some((f) => f.rule === "missing-authn"), "the fixture must have a hole");
    assert.ok(!expected.files.some((f) => /generated|node_modules|dist|\.cache|local/.test(f.file)));

    const { page, problems } = await newPage(env.browser);
    await page.goto(env.srv.url);
    await ready(page);
    await page.locator("[data-testid=folder-input]").setInputFiles(dir);
    await page.waitForSelector("[data-testid=folder-summary]", { timeout: 30000 });
    const summary = await page.locator("[data-testid=folder-summary]").textContent();
    assert.match(summary, new RegExp(`^${expected.files.length} files checked`));

    // The files with actions, each with its findings.
    const listed = await page.locator("[data-testid=folder-files] > .folder-file").evaluateAll((els) => els.map((e) => e.dataset.file));
    const withActions = expected.files.filter((f) => f.actions.length > 0).map((f) => f.file);
    assert.deepEqual(listed, withActions);
    const notes = page.locator('[data-testid=folder-files] > .folder-file[data-file="app/notes/actions.ts"] .folder-finding');
    assert.equal(await notes.count(), expected.findings.filter((f) => f.file === "app/notes/actions.ts").length);
    await shot(page, "folder-report", { reference: true });

    assert.equal(await downloaded(page, "download-json"), expectedJson);
    assert.equal(await downloaded(page, "download-sarif"), expectedSarif);

    // A finding opens its file in the editor, still resolved against the folder: the same
    // findings, no assumption about the helpers.
    await notes.first().click();
    await analysed(page);
    assert.equal(await page.locator("[data-testid=file-tabs] .file-tab.active .file-tab-name").textContent(), "app/notes/actions.ts");
    const rows = await findingRows(page);
    const expectedRules = expected.findings.filter((f) => f.file === "app/notes/actions.ts").map((f) => f.rule);
    assert.deepEqual(rows.map((r) => r.rule), expectedRules);
    assert.equal(rows[0].pressed, "true");
    assert.equal(await page.locator("[data-testid=assumptions]").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});

/** Writes `files` (path → text) into a new folder named `name`, opens it in a fresh page, and
 * hands the page to `check`; the folder is removed afterwards. */
async function withOpenedFolder(name, files, check) {
  const base = await mkdtemp(join(tmpdir(), "actiongate-folder-"));
  try {
    const dir = join(base, name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const { page, problems } = await newPage(env.browser);
    await page.goto(env.srv.url);
    await ready(page);
    await page.locator("[data-testid=folder-input]").setInputFiles(dir);
    await check(page);
    assert.deepEqual(problems, []);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

test("a folder without source files says so", async () => {
  await withOpenedFolder("docs-only", { "README.md": "# nothing to check\n" }, async (page) => {
    const error = page.locator("[data-testid=folder-error]");
    await error.waitFor({ timeout: 20000 });
    assert.match(await error.textContent(), /No files to check/);
  });
});

test("an actiongate.toml is named as not applied, never silently ignored", async () => {
  const files = { "actiongate.toml": 'disable = ["missing-authn"]\n', "app/actions.ts": SKIPPED_ACTION };
  await withOpenedFolder("configured", files, async (page) => {
    await page.waitForSelector("[data-testid=folder-summary]", { timeout: 20000 });
    assert.match(await page.locator("[data-testid=folder-config]").textContent(), /Not applied here: actiongate\.toml/);
  });
});

test("a dropped folder is read through its entries and checked the same way", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  // Playwright cannot drop a real folder; the page is given what Chromium gives it for one: a
  // DataTransfer whose item is a directory entry, read with createReader()/readEntries() and
  // file(). Everything else (the listener, the walk, reading, checking) is the real code.
  await page.evaluate((action) => {
    // Plain objects, as Chromium's entry interfaces are not globals a page could construct.
    const entry = (props) => ({ ...props });
    const file = (name, text) =>
      entry({ name, isDirectory: false, isFile: true, file: (ok) => ok(new File([text], name)) });
    const dir = (name, children) =>
      entry({
        name,
        isDirectory: true,
        isFile: false,
        createReader: () => {
          let given = false;
          // Entries come in batches; an empty batch ends the folder.
          return { readEntries: (ok) => { ok(given ? [] : children); given = true; } };
        },
      });
    const root = dir("dropped-app", [
      file(".gitignore", "gen/\n"),
      file("tsconfig.json", '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }'),
      dir("app", [file("actions.ts", action)]),
      dir("gen", [file("actions.ts", action)]),
      dir("node_modules", [dir("pkg", [file("index.ts", action)])]),
    ]);
    const transfer = {
      types: ["Files"],
      items: { length: 1, 0: { kind: "file", webkitGetAsEntry: () => root } },
    };
    const drop = new DragEvent("drop", { bubbles: true, cancelable: true });
    Object.defineProperty(drop, "dataTransfer", { value: transfer });
    document.body.dispatchEvent(drop);
  }, SKIPPED_ACTION);
  await page.waitForSelector("[data-testid=folder-summary]", { timeout: 20000 });
  assert.equal(await page.locator("#folder-title").textContent(), "dropped-app");
  assert.match(await page.locator("[data-testid=folder-summary]").textContent(), /^1 file checked/);
  const listed = await page.locator("[data-testid=folder-files] > .folder-file").evaluateAll((els) => els.map((e) => e.dataset.file));
  assert.deepEqual(listed, ["app/actions.ts"]);
  assert.deepEqual(problems, []);
});
