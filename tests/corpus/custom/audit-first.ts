"use server";

import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth-helpers";

// expect: auth-after-mutation
export async function archiveConversation(conversationId: string) {
  await db.conversation.update({
    where: { id: conversationId },
    data: { archivedAt: new Date() },
  });

  const session = await auth();
  if (!session?.user) {
    throw new Error("Unauthorized");
  }

  revalidatePath("/inbox");
}

// expect: auth-after-mutation
export async function sendMessage(conversationId: string, body: string) {
  // log every attempt, even failed ones, for abuse detection
  await db.messageAttempt.create({
    data: { conversationId, length: body.length, at: new Date() },
  });

  const user = await requireUser();

  const participant = await db.participant.findFirst({
    where: { conversationId, userId: user.id },
    select: { id: true },
  });
  if (!participant) throw new Error("Not a participant");

  await db.message.create({
    data: { conversationId, senderId: user.id, body: body.slice(0, 4000) },
  });
  revalidatePath(`/inbox/${conversationId}`);
}

// expect: auth-after-mutation
export async function muteConversation(conversationId: string, muted: boolean) {
  const session = await auth();

  await db.participant.updateMany({
    where: { conversationId, userId: session?.user?.id },
    data: { muted },
  });

  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }
  revalidatePath(`/inbox/${conversationId}`);
}

// expect: clean
export async function leaveConversation(conversationId: string) {
  const user = await requireUser();

  const { count } = await db.participant.deleteMany({
    where: { conversationId, userId: user.id },
  });
  if (count === 0) throw new Error("Not a participant");

  await db.systemMessage.create({
    data: { conversationId, kind: "LEFT", actorId: user.id },
  });
  revalidatePath("/inbox");
}
