"use server";

import { cookies } from "next/headers";
import { kv } from "@vercel/kv";
import { Redis } from "@upstash/redis";
import { auth } from "@/auth";

const redis = Redis.fromEnv();

// expect: clean
export async function saveDraft(docId: string, content: string) {
  const session = await auth();
  if (!session?.user?.id) return { saved: false };

  await kv.set(`draft:${session.user.id}:${docId}`, content.slice(0, 100_000), { ex: 60 * 60 * 24 * 7 });
  return { saved: true, at: Date.now() };
}

// expect: unverified-session
export async function savePreferences(prefs: { theme: string; density: string }) {
  const userId = (await cookies()).get("user_id")?.value;
  if (!userId) return { saved: false };

  await redis.hset(`prefs:${userId}`, { theme: prefs.theme, density: prefs.density });
  return { saved: true };
}

// expect: missing-authn
export async function invalidateCacheKey(key: string) {
  await redis.del(key);
  return { ok: true };
}

// actiongate-public: anonymous page-view counter, no user data
// expect: clean
export async function incrementViews(slug: string) {
  const views = await redis.incr(["pageviews", "projects", slug].join(":"));
  return views;
}

// expect: missing-authz
export async function setFeatureFlag(flag: string, enabled: boolean) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  await kv.hset("feature-flags", { [flag]: enabled });
  return { flag, enabled };
}
