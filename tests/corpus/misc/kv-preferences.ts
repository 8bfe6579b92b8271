"use server";

import { kv } from "@vercel/kv";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { auth } from "@/auth";

const preferencesSchema = z.object({
  digest: z.enum(["daily", "weekly", "never"]),
  compactMode: z.boolean(),
  language: z.string().length(2),
});

// expect: clean
export async function savePreferences(input: unknown) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Unauthorized" };

  const prefs = preferencesSchema.parse(input);
  await kv.set(`prefs:${session.user.id}`, prefs);
  revalidatePath("/settings");
  return { ok: true };
}

// expect: unchecked-session
export async function resetPreferences() {
  const session = await auth();
  const key = `prefs:${session?.user?.id ?? "anonymous"}`;

  await kv.del(key);
  await kv.del(`onboarding:${session?.user?.id}`);
  revalidatePath("/settings");
}

// Support staff use this when a customer gets locked out.
// expect: missing-authz
export async function resetRateLimit(userId: string) {
  const session = await auth();
  if (!session) throw new Error("Unauthorized");

  await kv.del(`ratelimit:login:${userId}`);
  await kv.del(`ratelimit:api:${userId}`);
  return { ok: true };
}

// expect: missing-authn
export async function setFeatureFlag(flag: string, enabled: boolean) {
  await kv.hset("feature-flags", { [flag]: enabled });
  revalidatePath("/", "layout");
}
