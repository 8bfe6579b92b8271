"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import Stripe from "stripe";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" });

async function getOrigin() {
  return (await headers()).get("origin") ?? process.env.NEXT_PUBLIC_APP_URL!;
}

// expect: clean
export async function createCheckoutSession(priceId: string) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login?next=/pricing");

  const user = await prisma.user.findUniqueOrThrow({
    where: { id: session.user.id },
    select: { stripeCustomerId: true, email: true },
  });

  const origin = await getOrigin();
  const checkout = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: user.stripeCustomerId ?? undefined,
    customer_email: user.stripeCustomerId ? undefined : user.email ?? undefined,
    line_items: [{ price: priceId, quantity: 1 }],
    client_reference_id: session.user.id,
    success_url: `${origin}/billing?success=1`,
    cancel_url: `${origin}/pricing`,
  });

  redirect(checkout.url!);
}

// expect: missing-authz
export async function cancelSubscription(subscriptionId: string) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
  return { ok: true };
}

// expect: clean
export async function cancelMySubscription() {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const sub = await prisma.subscription.findFirst({
    where: { userId: session.user.id, status: "active" },
    select: { stripeSubscriptionId: true },
  });
  if (!sub) return { error: "No active subscription" };

  await stripe.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: true });
  await prisma.subscription.updateMany({
    where: { userId: session.user.id, stripeSubscriptionId: sub.stripeSubscriptionId },
    data: { cancelAtPeriodEnd: true },
  });
  return { ok: true };
}

// expect: missing-authn
export async function refundPayment(paymentIntentId: string, reason?: Stripe.RefundCreateParams.Reason) {
  const refund = await stripe.refunds.create({
    payment_intent: paymentIntentId,
    reason: reason ?? "requested_by_customer",
  });
  await prisma.payment.update({
    where: { stripePaymentIntentId: paymentIntentId },
    data: { refundedAt: new Date(), refundId: refund.id },
  });
  return { refundId: refund.id };
}

// expect: missing-authz
export async function updateSeatCount(subscriptionItemId: string, seats: number) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  await stripe.subscriptionItems.update(subscriptionItemId, {
    quantity: Math.max(1, Math.floor(seats)),
    proration_behavior: "always_invoice",
  });
  return { ok: true };
}
