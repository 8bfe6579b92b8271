import { createSafeActionClient, DEFAULT_SERVER_ERROR_MESSAGE } from "next-safe-action";
import { z } from "zod";
import { auth } from "@/auth";

export class ActionError extends Error {}

export const actionClient = createSafeActionClient({
  defineMetadataSchema() {
    return z.object({ actionName: z.string() });
  },
  handleServerError(e) {
    if (e instanceof ActionError) return e.message;
    return DEFAULT_SERVER_ERROR_MESSAGE;
  },
});

// Attaches whoever is signed in (if anyone) so actions can personalise results.
export const authActionClient = actionClient.use(async ({ next }) => {
  const session = await auth();
  return next({
    ctx: {
      userId: session?.user?.id,
      role: session?.user?.role,
    },
  });
});

// Rejects anonymous callers.
export const protectedActionClient = actionClient.use(async ({ next }) => {
  const session = await auth();
  if (!session?.user?.id) {
    throw new ActionError("You must be signed in.");
  }
  return next({ ctx: { userId: session.user.id, role: session.user.role } });
});

export const adminActionClient = protectedActionClient.use(async ({ next, ctx }) => {
  if (ctx.role !== "ADMIN") {
    throw new ActionError("Admins only.");
  }
  return next({ ctx });
});
