"use server";

import { randomBytes, createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { Resend } from "resend";
import { z } from "zod";

import { db } from "@/db";
import { apiKeys } from "@/db/schema";
import { actionClient, authActionClient } from "@/lib/safe-action";

const resend = new Resend(process.env.RESEND_API_KEY);

function newKey() {
  const raw = `sk_live_${randomBytes(24).toString("base64url")}`;
  return { raw, hash: createHash("sha256").update(raw).digest("hex"), prefix: raw.slice(0, 12) };
}

// expect: clean
export const createApiKey = authActionClient
  .metadata({ actionName: "createApiKey" })
  .inputSchema(z.object({ name: z.string().min(1).max(64) }))
  .action(async ({ parsedInput: { name }, ctx: { userId } }) => {
    const key = newKey();
    await db.insert(apiKeys).values({ name, userId, hash: key.hash, prefix: key.prefix });
    revalidatePath("/settings/api-keys");
    return { key: key.raw };
  });

// expect: clean
export const revokeApiKey = authActionClient
  .metadata({ actionName: "revokeApiKey" })
  .inputSchema(z.object({ keyId: z.string().uuid() }))
  .action(async ({ parsedInput: { keyId }, ctx: { userId } }) => {
    await db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId)));
    revalidatePath("/settings/api-keys");
  });

// expect: missing-authz
export const deleteApiKey = authActionClient
  .metadata({ actionName: "deleteApiKey" })
  .inputSchema(z.object({ keyId: z.string().uuid() }))
  .action(async ({ parsedInput: { keyId } }) => {
    await db.delete(apiKeys).where(eq(apiKeys.id, keyId));
    revalidatePath("/settings/api-keys");
  });

// expect: client-identity
export const createServiceKey = authActionClient
  .metadata({ actionName: "createServiceKey" })
  .inputSchema(z.object({ name: z.string().min(1), ownerId: z.string().uuid() }))
  .action(async ({ parsedInput }) => {
    const key = newKey();
    await db.insert(apiKeys).values({
      name: parsedInput.name,
      userId: parsedInput.ownerId,
      hash: key.hash,
      prefix: key.prefix,
      kind: "service",
    });
    return { key: key.raw };
  });

// expect: missing-authn
export const rotateApiKey = actionClient
  .metadata({ actionName: "rotateApiKey" })
  .inputSchema(z.object({ keyId: z.string().uuid() }))
  .action(async ({ parsedInput: { keyId } }) => {
    const key = newKey();
    await db.update(apiKeys).set({ hash: key.hash, prefix: key.prefix }).where(eq(apiKeys.id, keyId));
    return { key: key.raw };
  });

// expect: clean
export const sendFeedback = actionClient
  .metadata({ actionName: "sendFeedback" })
  .inputSchema(z.object({ email: z.string().email().optional(), message: z.string().min(5).max(2000) }))
  .action(async ({ parsedInput }) => {
    await resend.emails.send({
      from: "Feedback <feedback@acme.dev>",
      to: ["team@acme.dev"],
      replyTo: parsedInput.email,
      subject: "New product feedback",
      text: parsedInput.message,
    });
    return { sent: true };
  });
