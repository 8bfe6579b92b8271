// The attack view: for a high finding, the request anyone could send (the action's form fields
// or its argument list), as curl and fetch, with one sentence of story. Nothing is sent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { usePlayground, newPage, ready, shot } from "./harness.mjs";

const env = usePlayground();

test("the seed example's attack view shows its action's form fields", async () => {
  const { page, problems } = await newPage(env.browser);
  await page.goto(env.srv.url);
  await ready(page);
  await page.locator(".finding[data-rule=missing-authn]").first().click();
  const attack = page.locator("[data-testid=attack]");
  await attack.locator("summary").click();
  assert.equal(await attack.locator("[data-testid=attack-fields]").textContent(), "id");
  const curl = await attack.locator("[data-testid=attack-curl]").textContent();
  assert.match(curl, /-F '\$ACTION_ID_<action id>='/);
  assert.match(curl, /-F 'id=<any id>'/);
  assert.match(await attack.locator(".attack-story").textContent(), /not even signed in: she sends this request and `?deletePost`? runs for her/);
  await attack.getByRole("button", { name: "Copy as curl" }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), curl);
  await attack.scrollIntoViewIfNeeded();
  await shot(page, "attack-view", { reference: true });

  // The second action posts two fields.
  await page.locator(".finding[data-rule=missing-authn]").nth(1).click();
  await page.locator("[data-testid=attack] summary").click();
  assert.equal(await page.locator("[data-testid=attack-fields]").textContent(), "id, title");
  assert.deepEqual(problems, []);
});
