"use server";

import { z } from "zod";
import { withAuth, withRateLimit } from "@/lib/action-wrappers";
import { db } from "@/lib/db";

// expect: clean
export const updateNotificationSettings = withAuth(async (user, formData: FormData) => {
  await db.notificationSettings.upsert({
    where: { userId: user.id },
    create: { userId: user.id, email: formData.get("email") === "on", push: formData.get("push") === "on" },
    update: { email: formData.get("email") === "on", push: formData.get("push") === "on" },
  });
  return { ok: true };
});

// expect: clean
export const createWebhook = withAuth(async (user, url: string) => {
  const endpoint = z.string().url().startsWith("https://").parse(url);
  return db.webhook.create({
    data: { url: endpoint, userId: user.id, secret: crypto.randomUUID() },
    select: { id: true, url: true, secret: true },
  });
});

// expect: missing-authz
export const deleteWebhook = withAuth(async (_user, webhookId: string) => {
  await db.webhook.delete({ where: { id: webhookId } });
  return { ok: true };
});

// expect: missing-authn
export const pingWebhook = withRateLimit(async (webhookId: string) => {
  const hook = await db.webhook.findUnique({ where: { id: webhookId }, select: { url: true, secret: true } });
  if (!hook) return { ok: false };

  const res = await fetch(hook.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Signature": hook.secret },
    body: JSON.stringify({ type: "ping", at: new Date().toISOString() }),
  });
  return { ok: res.ok, status: res.status };
});
