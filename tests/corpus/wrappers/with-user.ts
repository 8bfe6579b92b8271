"use server";

import type { Session } from "next-auth";
import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

type SessionUser = NonNullable<Session["user"]> & { id: string };

function withUser<Args extends unknown[], R>(
  handler: (user: SessionUser, ...args: Args) => Promise<R>,
) {
  return async (...args: Args): Promise<R> => {
    const session = await auth();
    if (!session?.user?.id) {
      throw new Error("Unauthorized");
    }
    return handler(session.user as SessionUser, ...args);
  };
}

/** Like withUser, but lets anonymous visitors through (user is null). */
function withOptionalUser<Args extends unknown[], R>(
  handler: (user: SessionUser | null, ...args: Args) => Promise<R>,
) {
  return async (...args: Args): Promise<R> => {
    const session = await auth();
    return handler((session?.user as SessionUser | undefined) ?? null, ...args);
  };
}

// expect: clean
export const saveDraft = withUser(async (user, formData: FormData) => {
  const body = String(formData.get("body") ?? "");
  await prisma.draft.upsert({
    where: { userId: user.id },
    create: { userId: user.id, body },
    update: { body },
  });
  return { savedAt: new Date().toISOString() };
});

// expect: missing-authz
export const discardDraftById = withUser(async (_user, draftId: string) => {
  await prisma.draft.delete({ where: { id: draftId } });
  revalidatePath("/write");
});

// expect: unchecked-session
export const publishDraft = withOptionalUser(async (user, draftId: string) => {
  await prisma.draft.updateMany({
    where: { id: draftId, userId: user?.id },
    data: { publishedAt: new Date() },
  });
  revalidatePath("/blog");
});

// expect: clean
export const getDraftPreview = withOptionalUser(async (user) => {
  if (!user) return null;
  return prisma.draft.findUnique({
    where: { userId: user.id },
    select: { body: true, updatedAt: true },
  });
});
