"use server";

import { randomBytes } from "node:crypto";
import { createSafeActionClient } from "next-safe-action";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auth } from "@/auth";
import { db } from "@/db";
import { webhookDeliveries, webhooks } from "@/db/schema";

const actionClient = createSafeActionClient({
  handleServerError(e) {
    console.error("Action error:", e.message);
    return "Something went wrong";
  },
});

const authedClient = actionClient.use(async ({ next }) => {
  const session = await auth();
  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }
  return next({ ctx: { userId: session.user.id } });
});

const WEBHOOK_EVENTS = ["invoice.paid", "invoice.failed", "customer.created"] as const;

// expect: clean
export const createWebhook = authedClient
  .metadata({ actionName: "createWebhook" })
  .inputSchema(z.object({ url: z.string().url(), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const secret = `whsec_${randomBytes(24).toString("hex")}`;
    const [hook] = await db
      .insert(webhooks)
      .values({ url: parsedInput.url, events: parsedInput.events, secret, userId: ctx.userId })
      .returning({ id: webhooks.id });
    return { id: hook.id, secret };
  });

// expect: missing-authz
export const deleteWebhook = authedClient
  .metadata({ actionName: "deleteWebhook" })
  .inputSchema(z.object({ id: z.string().uuid() }))
  .action(async ({ parsedInput: { id } }) => {
    await db.delete(webhooks).where(eq(webhooks.id, id));
    return { deleted: id };
  });

// expect: clean
export const toggleWebhook = authedClient
  .inputSchema(z.object({ id: z.string().uuid(), enabled: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    const updated = await db
      .update(webhooks)
      .set({ enabled: parsedInput.enabled })
      .where(and(eq(webhooks.id, parsedInput.id), eq(webhooks.userId, ctx.userId)))
      .returning({ id: webhooks.id });
    if (updated.length === 0) throw new Error("Webhook not found");
    return { ok: true };
  });

// expect: missing-authn
export const replayDelivery = actionClient
  .inputSchema(z.object({ deliveryId: z.string() }))
  .action(async ({ parsedInput }) => {
    const delivery = await db.query.webhookDeliveries.findFirst({
      where: eq(webhookDeliveries.id, parsedInput.deliveryId),
      with: { webhook: { columns: { url: true, secret: true } } },
    });
    if (!delivery) throw new Error("Delivery not found");

    await fetch(delivery.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-secret": delivery.webhook.secret },
      body: delivery.payload,
    });
    await db.update(webhookDeliveries).set({ replayedAt: new Date() }).where(eq(webhookDeliveries.id, delivery.id));
    return { ok: true };
  });

// expect: client-identity
export const listWebhooks = authedClient
  .inputSchema(z.object({ userId: z.string() }))
  .action(async ({ parsedInput }) => {
    return db.query.webhooks.findMany({
      where: eq(webhooks.userId, parsedInput.userId),
      columns: { id: true, url: true, events: true, enabled: true, secret: true },
    });
  });
