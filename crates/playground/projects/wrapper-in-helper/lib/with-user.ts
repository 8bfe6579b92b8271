import { auth } from "@/auth";

type User = { id: string };

// Looks the caller up, fails closed, and hands the user to the action.
export function withUser<A extends unknown[], R>(handler: (user: User, ...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const session = await auth();
    if (!session?.user?.id) throw new Error("Unauthorized");
    return handler({ id: session.user.id }, ...args);
  };
}
