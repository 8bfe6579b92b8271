import { createSafeActionClient } from "next-safe-action";
import { auth } from "@/auth";

export const actionClient = createSafeActionClient();

// Two middlewares: timing, then the session (fails closed, passes the id on in ctx).
export const authActionClient = actionClient
  .use(async ({ next }) => {
    const started = Date.now();
    const result = await next();
    console.log("action took", Date.now() - started, "ms");
    return result;
  })
  .use(async ({ next }) => {
    const session = await auth();
    if (!session?.user?.id) throw new Error("Unauthorized");
    return next({ ctx: { userId: session.user.id } });
  });
