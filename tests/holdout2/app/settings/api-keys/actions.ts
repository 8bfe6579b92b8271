"use server";

import { randomBytes, createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { validateRequest } from "@/lib/auth";
import { db } from "@/lib/db";
import { apiKeys } from "@/lib/db/schema";

function newKey() {
  const raw = `sk_live_${randomBytes(24).toString("base64url")}`;
  const hash = createHash("sha256").update(raw).digest("hex");
  return { raw, hash, prefix: raw.slice(0, 12) };
}

// expect: clean
export async function createApiKey(name: string) {
  const { user } = await validateRequest();
  if (!user) {
    return { error: "Unauthorized" };
  }

  const { raw, hash, prefix } = newKey();
  await db.insert(apiKeys).values({
    name: name.slice(0, 64),
    hashedKey: hash,
    prefix,
    userId: user.id,
  });

  revalidatePath("/settings/api-keys");
  return { key: raw };
}

// expect: missing-authz
export async function revokeApiKey(keyId: string) {
  const { user } = await validateRequest();
  if (!user) {
    return { error: "Unauthorized" };
  }

  await db.delete(apiKeys).where(eq(apiKeys.id, keyId));
  revalidatePath("/settings/api-keys");
  return { error: null };
}

// expect: clean
export async function rotateApiKey(keyId: string) {
  const { user } = await validateRequest();
  if (!user) {
    return { error: "Unauthorized" };
  }

  const { raw, hash, prefix } = newKey();
  const updated = await db
    .update(apiKeys)
    .set({ hashedKey: hash, prefix, rotatedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, user.id)))
    .returning({ id: apiKeys.id });

  if (updated.length === 0) {
    return { error: "Key not found" };
  }

  revalidatePath("/settings/api-keys");
  return { key: raw };
}
