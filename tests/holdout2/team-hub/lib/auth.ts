import { auth } from "@clerk/nextjs/server";

export type OrgContext = { userId: string; orgId: string; orgRole: string | undefined };

/** Reads the Clerk session. Callers decide what to do when fields are missing. */
export async function getOrgContext() {
  const { userId, orgId, orgRole } = await auth();
  return { userId, orgId, orgRole };
}

/** Signed-in user with an active organization, or throws. */
export async function requireOrg(): Promise<OrgContext> {
  const { userId, orgId, orgRole } = await auth.protect();
  if (!orgId) {
    throw new Error("Select an organization first");
  }
  return { userId, orgId, orgRole };
}

export function withOrgAdmin<A extends unknown[], R>(fn: (ctx: OrgContext, ...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const ctx = await requireOrg();
    if (ctx.orgRole !== "org:admin") {
      throw new Error("Organization admins only");
    }
    return fn(ctx, ...args);
  };
}

/** Passes the caller's Clerk ids through to the handler. */
export function withOrg<A extends unknown[], R>(
  fn: (ctx: { userId: string | null; orgId: string | null | undefined }, ...args: A) => Promise<R>,
) {
  return async (...args: A): Promise<R> => {
    const { userId, orgId } = await auth();
    return fn({ userId, orgId }, ...args);
  };
}
