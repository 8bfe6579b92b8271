// Challenge mode: "Make it a challenge" gives a link where the learner sees the code and how
// many high findings it has (hints step by step), edits it, and the challenge turns green only
// when no high finding is left and every action still does its job.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, setCode, analysed, shot } from "./harness.mjs";

const env = usePlayground();

// Written for this test: the default example's actions with their bodies emptied, and fixed.
const EMPTIED = `"use server";
export async function deletePost(formData: FormData) {
  return;
}
export async function updatePost(formData: FormData) {
  return;
}
`;
const FIXED = `"use server";
import { prisma } from "@/lib/prisma";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/auth";

export async function deletePost(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const id = z.string().parse(formData.get("id"));
  const { count } = await prisma.post.deleteMany({ where: { id, authorId: session.user.id } });
  if (count === 0) throw new Error("Not found");
  revalidatePath("/dashboard/posts");
}

export async function updatePost(formData: FormData) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");
  const id = z.string().parse(formData.get("id"));
  const title = z.string().min(1).max(200).parse(formData.get("title"));
  const { count } = await prisma.post.updateMany({ where: { id, authorId: session.user.id }, data: { title } });
  if (count === 0) throw new Error("Not found");
  revalidatePath("/dashboard/posts");
}
`;

test("a challenge turns green for a correct edit, not for deleting the sinks", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await page.locator("[data-testid=make-challenge]").click();
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /\?challenge=[^#]+#v1\./);

  const learner = await newPage(env.browser);
  await learner.page.goto(link);
  await ready(learner.page);
  const status = learner.page.locator("[data-testid=challenge-status]");
  assert.match(await status.textContent(), /^2 of 2 high findings left\./);
  // Where they are is for the learner to find: no rows, no fix.
  assert.equal(await learner.page.locator(".finding-list").isVisible(), false);
  assert.equal(await learner.page.locator(".fixed-pane").isVisible(), false);
  await learner.page.locator("[data-testid=hint]").click();
  assert.equal(await learner.page.locator("[data-testid=hints] li").count(), 1);
  assert.match(await learner.page.locator("[data-testid=hints] li").first().textContent(), /deletePost.*line \d+/);

  // "Solved" by deleting what the actions do: not solved.
  await setCode(learner.page, EMPTIED);
  await analysed(learner.page);
  assert.match(await status.textContent(), /Not yet: deletePost no longer runs prisma\.post\.delete\(\.\.\)/);
  assert.equal(await learner.page.locator("[data-testid=challenge].solved").count(), 0);

  // A correct edit: solved, and the solved state is in the URL (a reload keeps it).
  const before = await learner.page.evaluate(() => location.hash);
  await setCode(learner.page, FIXED);
  await analysed(learner.page);
  assert.match(await status.textContent(), /^Solved ✓/);
  await shot(learner.page, "challenge-solved", { reference: true });
  // The link is written after a pause: wait for the fixed code's fragment, not any fragment.
  await learner.page.waitForFunction(
    (old) => location.search.startsWith("?challenge=") && location.hash.length > 10 && location.hash !== old,
    before,
  );
  await learner.page.reload();
  await ready(learner.page);
  assert.match(await learner.page.locator("[data-testid=challenge-status]").textContent(), /^Solved ✓/);
  assert.deepEqual(problems, []);
  assert.deepEqual(learner.problems, []);
});

test("every vulnerable example of the track opens as a challenge", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator('[data-example="seed-transfer-funds-vulnerable.ts"]').click();
  await analysed(page);
  await page.locator("[data-testid=try-challenge]").click();
  await page.waitForURL(/\?challenge=/);
  await ready(page);
  assert.match(await page.locator("[data-testid=challenge-status]").textContent(), /^1 of 1 high findings left\./);
  // The challenge bar replaces the lesson; a fixed example offers no challenge.
  assert.equal(await page.locator("[data-testid=lesson]").count(), 0);
  const fresh = await newPage(env.browser);
  await fresh.page.goto(env.srv.url);
  await ready(fresh.page);
  await fresh.page.getByRole("button", { name: "Examples" }).click();
  await fresh.page.locator('[data-example="seed-transfer-funds-fixed.ts"]').click();
  await analysed(fresh.page);
  assert.equal(await fresh.page.locator("[data-testid=try-challenge]").count(), 0);
  assert.deepEqual(problems, []);
});
