"use server";

import { kv } from "@vercel/kv";
import { getServerSession } from "next-auth";
import { createSafeActionClient, DEFAULT_SERVER_ERROR_MESSAGE } from "next-safe-action";
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";

import { authOptions } from "@/server/auth";
import { prisma } from "@/server/db";

class ActionError extends Error {}

const baseClient = createSafeActionClient({
  handleServerError(e) {
    return e instanceof ActionError ? e.message : DEFAULT_SERVER_ERROR_MESSAGE;
  },
});

const sessionClient = baseClient.use(async ({ next }) => {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    throw new ActionError("Not authenticated");
  }
  return next({ ctx: { session } });
});

const adminClient = sessionClient.use(async ({ next, ctx }) => {
  if (ctx.session.user.role !== "ADMIN") {
    throw new ActionError("Forbidden");
  }
  return next();
});

// Attaches the user id if there is one — used for analytics-ish actions.
const trackedClient = baseClient.use(async ({ next }) => {
  const session = await getServerSession(authOptions);
  return next({ ctx: { userId: session?.user?.id } });
});

// expect: clean
export const banUser = adminClient
  .schema(z.object({ userId: z.string().cuid(), reason: z.string().max(500) }))
  .action(async ({ parsedInput: { userId, reason }, ctx }) => {
    await prisma.user.update({
      where: { id: userId },
      data: { bannedAt: new Date(), banReason: reason, bannedById: ctx.session.user.id },
    });
    revalidatePath("/admin/users");
  });

// expect: missing-authz
export const changeUserRole = sessionClient
  .schema(z.object({ userId: z.string().cuid(), role: z.enum(["USER", "MODERATOR", "ADMIN"]) }))
  .action(async ({ parsedInput: { userId, role } }) => {
    await prisma.user.update({ where: { id: userId }, data: { role } });
    revalidatePath("/admin/users");
  });

// expect: clean
export const updateSiteBanner = adminClient
  .schema(z.object({ message: z.string().max(280), tone: z.enum(["info", "warning"]) }))
  .action(async ({ parsedInput }) => {
    await kv.set("site:banner", parsedInput);
    revalidateTag("site-banner");
  });

// expect: unchecked-session
export const saveRecentlyViewed = trackedClient
  .schema(z.object({ productId: z.string() }))
  .action(async ({ parsedInput: { productId }, ctx: { userId } }) => {
    await prisma.recentlyViewed.upsert({
      where: { userId_productId: { userId: userId!, productId } },
      create: { userId: userId!, productId },
      update: { viewedAt: new Date() },
    });
  });
