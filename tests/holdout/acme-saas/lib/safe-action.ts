import { createSafeActionClient } from "next-safe-action";
import { auth } from "@/auth";

// In this codebase the default client is the authenticated one: every action built
// from it runs only for a signed-in user, who is handed to the action as ctx.user.
export const actionClient = createSafeActionClient({
  handleServerError(e) {
    return e.message;
  },
}).use(async ({ next }) => {
  const session = await auth();
  if (!session?.user?.id) {
    throw new Error("You must be signed in to do that.");
  }
  return next({ ctx: { user: { id: session.user.id, email: session.user.email ?? null } } });
});

// For the handful of actions that are reachable from marketing pages.
export const publicActionClient = createSafeActionClient();
