"use server";

import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import Stripe from "stripe";
import { db } from "@/lib/db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
  apiVersion: "2024-06-20",
});

const APP_URL = process.env.NEXT_PUBLIC_APP_URL ?? "http://localhost:3000";

// expect: clean
export async function createCheckoutSession(priceId: string) {
  const { userId } = await auth();
  if (!userId) {
    throw new Error("You must be signed in to subscribe");
  }

  const user = await db.user.findUnique({
    where: { clerkId: userId },
    select: { email: true, stripeCustomerId: true },
  });

  const checkout = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: priceId, quantity: 1 }],
    customer: user?.stripeCustomerId ?? undefined,
    customer_email: user?.stripeCustomerId ? undefined : user?.email,
    client_reference_id: userId,
    success_url: `${APP_URL}/settings/billing?success=1`,
    cancel_url: `${APP_URL}/settings/billing`,
  });

  redirect(checkout.url!);
}

// expect: missing-authz
export async function cancelSubscription(subscriptionId: string) {
  const { userId } = await auth();
  if (!userId) return { error: "Unauthorized" };

  await stripe.subscriptions.update(subscriptionId, {
    cancel_at_period_end: true,
  });

  return { success: true };
}

// expect: clean
export async function openBillingPortal() {
  const { userId } = await auth.protect();

  const user = await db.user.findUnique({
    where: { clerkId: userId },
    select: { stripeCustomerId: true },
  });
  if (!user?.stripeCustomerId) {
    return { error: "No billing account yet" };
  }

  const portal = await stripe.billingPortal.sessions.create({
    customer: user.stripeCustomerId,
    return_url: `${APP_URL}/settings/billing`,
  });

  redirect(portal.url);
}

// expect: missing-authz
export async function refundCharge(chargeId: string, reason?: string) {
  const { userId } = await auth();
  if (!userId) {
    throw new Error("Unauthorized");
  }

  const refund = await stripe.refunds.create({
    charge: chargeId,
    reason: (reason as Stripe.RefundCreateParams.Reason) ?? "requested_by_customer",
  });

  return { id: refund.id, status: refund.status };
}
