"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { auth } from "@/lib/auth";
import { db } from "@/db";
import { readingHistory, user as userTable } from "@/db/schema";

const LOCALES = ["en", "de", "fr", "es", "ja"] as const;

// expect: clean
export async function updateBio(bio: string) {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session?.user) throw new Error("You must be signed in");

  await db
    .update(userTable)
    .set({ bio: bio.slice(0, 500) })
    .where(eq(userTable.id, session.user.id));

  revalidatePath(`/u/${session.user.id}`);
}

// expect: clean
async function setLocale(locale: string) {
  if (!(LOCALES as readonly string[]).includes(locale)) return { error: "Unsupported locale" };

  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return { error: "Unauthorized" };

  await db.update(userTable).set({ locale }).where(eq(userTable.id, session.user.id));
  revalidatePath("/", "layout");
  return { ok: true };
}

// expect: unchecked-session
async function clearHistory() {
  let userId: string | undefined;
  try {
    const session = await auth.api.getSession({ headers: await headers() });
    if (!session) redirect("/sign-in");
    userId = session.user.id;
  } catch (error) {
    console.error("Failed to resolve session", error);
  }

  await db.delete(readingHistory).where(eq(readingHistory.userId, userId!));
  revalidatePath("/history");
}

export { setLocale, clearHistory as clearReadingHistory };
