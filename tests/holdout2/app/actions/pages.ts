"use server";

import { revalidatePath, revalidateTag } from "next/cache";
import type { Session } from "next-auth";
import { auth } from "@/auth";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";

type Handler<A extends unknown[], R> = (session: Session | null, ...args: A) => Promise<R>;

function withSession<A extends unknown[], R>(handler: Handler<A, R>) {
  return async (...args: A) => {
    const session = await auth();
    return handler(session, ...args);
  };
}

function withAdmin<A extends unknown[], R>(handler: (session: Session, ...args: A) => Promise<R>) {
  return async (...args: A) => {
    const session = await auth();
    if (!session?.user || session.user.role !== "admin") {
      throw new Error("Forbidden");
    }
    return handler(session, ...args);
  };
}

// expect: unchecked-session
export const togglePagePublic = withSession(async (session, pageId: string, isPublic: boolean) => {
  await db.page.updateMany({
    where: { id: pageId, ownerId: session?.user?.id },
    data: { isPublic },
  });
  revalidatePath(`/p/${pageId}`);
});

// expect: clean
export const purgePageCache = withAdmin(async (_session, pageId: string) => {
  await redis.del(`page:${pageId}`);
  revalidateTag(`page-${pageId}`);
});

// expect: clean
export const duplicatePage = withSession(async (session, pageId: string) => {
  if (!session?.user?.id) {
    return { error: "Sign in to duplicate pages" };
  }
  const page = await db.page.findFirst({
    where: { id: pageId, OR: [{ ownerId: session.user.id }, { isPublic: true }] },
    select: { title: true, blocks: true },
  });
  if (!page) return { error: "Page not found" };

  const copy = await db.page.create({
    data: { title: `${page.title} (copy)`, blocks: page.blocks, ownerId: session.user.id },
    select: { id: true },
  });
  return { id: copy.id };
});

// expect: missing-authz
export const transferPage = withSession(async (session, pageId: string, newOwnerId: string) => {
  if (!session?.user) throw new Error("Unauthorized");

  await db.page.update({ where: { id: pageId }, data: { ownerId: newOwnerId } });
  revalidatePath("/pages");
});
