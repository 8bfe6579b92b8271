"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { db } from "@/db";
import { reactions } from "@/db/schema";

type Emoji = "👍" | "🎉" | "❤️" | "🚀" | "👀";

// expect: clean
async function addReaction(messageId: string, emoji: Emoji) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Unauthorized" };

  await db
    .insert(reactions)
    .values({ messageId, emoji, userId: session.user.id })
    .onConflictDoNothing();
  revalidatePath("/chat");
  return { ok: true };
}

// expect: missing-authz
async function removeReaction(reactionId: string) {
  const session = await auth();
  if (!session?.user?.id) return { error: "Unauthorized" };

  await db.delete(reactions).where(eq(reactions.id, reactionId));
  revalidatePath("/chat");
  return { ok: true };
}

// expect: missing-authn
async function toggleReaction(messageId: string, emoji: Emoji, userId: string) {
  const existing = await db.query.reactions.findFirst({
    where: and(eq(reactions.messageId, messageId), eq(reactions.userId, userId), eq(reactions.emoji, emoji)),
    columns: { id: true },
  });
  if (existing) {
    await db.delete(reactions).where(eq(reactions.id, existing.id));
  } else {
    await db.insert(reactions).values({ messageId, emoji, userId });
  }
  revalidatePath("/chat");
}

export { addReaction, removeReaction as deleteReaction };
export default toggleReaction;
