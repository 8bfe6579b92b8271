"use server";

import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { getOrgContext, withOrgAdmin } from "@/lib/auth";
import { db } from "@/lib/db";
import { orgs } from "@/lib/db/schema";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// expect: clean
export const updateSeats = withOrgAdmin(async ({ orgId }, seats: number) => {
  const org = await db.query.orgs.findFirst({
    where: eq(orgs.clerkOrgId, orgId),
    columns: { stripeSubscriptionId: true, stripeSubscriptionItemId: true },
  });
  if (!org?.stripeSubscriptionId || !org.stripeSubscriptionItemId) throw new Error("No subscription");

  await stripe.subscriptions.update(org.stripeSubscriptionId, {
    items: [{ id: org.stripeSubscriptionItemId, quantity: Math.max(1, Math.floor(seats)) }],
  });
  await db.update(orgs).set({ seats }).where(eq(orgs.clerkOrgId, orgId));
});

// expect: clean
export async function getBillingOverview() {
  const { orgId, orgRole } = await getOrgContext();
  if (!orgId || orgRole !== "org:admin") {
    return null;
  }

  return db.query.orgs.findFirst({
    where: eq(orgs.clerkOrgId, orgId),
    columns: { name: true, seats: true },
  });
}

// expect: unchecked-session
export async function renameOrg(name: string) {
  const { orgId } = await getOrgContext();

  await db
    .update(orgs)
    .set({ name: name.slice(0, 80) })
    .where(eq(orgs.clerkOrgId, orgId as string));
}
