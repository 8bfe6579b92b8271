"use server";

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

// expect: unchecked-session
export async function archiveThread(threadId: string) {
  const session = await auth();
  if (!session) {
    console.warn("archiveThread called without a session", { threadId });
  }

  await prisma.thread.updateMany({
    where: { id: threadId, ownerId: session?.user?.id },
    data: { archived: true },
  });
  revalidatePath("/inbox");
}

// expect: unchecked-session
export async function saveDraft(threadId: string, body: string) {
  const session = await auth();
  if (session) {
    await prisma.activity.create({
      data: { userId: session.user.id, type: "draft_saved", threadId },
    });
  }

  await prisma.draft.upsert({
    where: { threadId },
    update: { body },
    create: { threadId, body },
  });
}

// expect: clean
export async function pinThread(threadId: string) {
  const session = await auth();
  if (session?.user?.id) {
    const thread = await prisma.thread.findFirst({
      where: { id: threadId, ownerId: session.user.id },
      select: { id: true },
    });
    if (thread) {
      await prisma.thread.update({ where: { id: thread.id }, data: { pinned: true } });
      revalidatePath("/inbox");
      return { ok: true };
    }
  }
  return { ok: false };
}

// expect: clean
export async function muteThread(threadId: string) {
  try {
    const session = await auth();
    if (!session?.user?.id) throw new Error("UNAUTHENTICATED");

    await prisma.threadMute.create({ data: { threadId, userId: session.user.id } });
    return { ok: true };
  } catch (error) {
    console.error(error);
    return { ok: false, error: "Could not mute thread" };
  }
}

// expect: unchecked-session
export async function unmuteThread(threadId: string) {
  let userId: string | undefined;
  try {
    const session = await auth();
    if (!session?.user?.id) redirect("/login");
    userId = session.user.id;
  } catch (e) {
    if (isRedirectError(e)) {
      console.info("unmuteThread: redirecting anonymous user");
    } else {
      console.error(e);
    }
  }

  await prisma.threadMute.deleteMany({ where: { threadId, userId } });
}

// expect: auth-after-mutation
export async function reactToMessage(messageId: string, emoji: string) {
  const reaction = await prisma.reaction.create({
    data: { messageId, emoji },
    select: { id: true },
  });

  const session = await auth();
  if (!session?.user?.id) {
    await prisma.reaction.delete({ where: { id: reaction.id } });
    throw new Error("Unauthorized");
  }

  await prisma.reaction.update({ where: { id: reaction.id }, data: { userId: session.user.id } });
}

// expect: auth-after-mutation
export async function replyToThread(threadId: string, body: string) {
  const session = await auth();

  const message = await prisma.message.create({
    data: { threadId, body, authorId: session?.user?.id },
    select: { id: true },
  });

  if (!session?.user) {
    throw new Error("Unauthorized");
  }

  await prisma.thread.update({ where: { id: threadId }, data: { lastMessageAt: new Date() } });
  return message;
}

// expect: clean
export const starThread = async (threadId: string) => {
  const session = await auth();
  if (!session?.user?.id) return;

  await prisma.star.upsert({
    where: { userId_threadId: { userId: session.user.id, threadId } },
    create: { userId: session.user.id, threadId },
    update: {},
  });
};

// expect: clean
export async function snoozeThread(threadId: string, until: string) {
  const session = await auth();
  if (!session?.user?.id) {
    redirect("/login");
  } else {
    const when = new Date(until);
    if (Number.isNaN(when.getTime())) return { error: "Invalid date" };
    const { count } = await prisma.thread.updateMany({
      where: { id: threadId, ownerId: session.user.id },
      data: { snoozedUntil: when },
    });
    return count ? { ok: true } : { error: "Not found" };
  }
}
