"use server";

import { auth, currentUser } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import Stripe from "stripe";
import { prisma } from "@/lib/prisma";
import { absoluteUrl } from "@/lib/utils";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
  apiVersion: "2024-06-20",
  typescript: true,
});

async function getBillingAccount(userId: string) {
  return prisma.billingAccount.findUnique({
    where: { userId },
    select: { stripeCustomerId: true, subscriptionId: true, status: true },
  });
}

// expect: clean
export async function createCheckoutSession(priceId: string) {
  const user = await currentUser();
  if (!user) redirect("/sign-in");

  const billing = await getBillingAccount(user.id);

  const checkout = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: billing?.stripeCustomerId ?? undefined,
    customer_email: billing ? undefined : user.emailAddresses[0]?.emailAddress,
    line_items: [{ price: priceId, quantity: 1 }],
    client_reference_id: user.id,
    metadata: { userId: user.id },
    success_url: absoluteUrl("/billing?success=1"),
    cancel_url: absoluteUrl("/pricing"),
  });

  redirect(checkout.url!);
}

// expect: clean
export async function cancelSubscription() {
  const { userId } = await auth();
  if (!userId) return { error: "Not signed in" };

  const billing = await getBillingAccount(userId);
  if (!billing?.subscriptionId) return { error: "No active subscription" };

  await stripe.subscriptions.update(billing.subscriptionId, { cancel_at_period_end: true });
  await prisma.billingAccount.update({
    where: { userId },
    data: { cancelAtPeriodEnd: true },
  });

  return { ok: true };
}

// expect: missing-authz
export async function resumeSubscription(subscriptionId: string) {
  await auth.protect();

  await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
  await prisma.billingAccount.updateMany({
    where: { subscriptionId },
    data: { cancelAtPeriodEnd: false },
  });

  return { ok: true };
}

// expect: missing-authz
export async function refundPayment(paymentIntentId: string, reason?: string) {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");

  const refund = await stripe.refunds.create({
    payment_intent: paymentIntentId,
    reason: "requested_by_customer",
    metadata: { requestedBy: userId, note: reason ?? "" },
  });

  return { id: refund.id, status: refund.status };
}

// expect: clean
export async function openBillingPortal() {
  const { userId } = await auth();
  if (!userId) redirect("/sign-in");

  const billing = await getBillingAccount(userId);
  if (!billing?.stripeCustomerId) redirect("/pricing");

  const portal = await stripe.billingPortal.sessions.create({
    customer: billing.stripeCustomerId,
    return_url: absoluteUrl("/billing"),
  });

  redirect(portal.url);
}

// expect: missing-authn
export async function getBillingDetails(customerId: string) {
  const [customer, invoices] = await Promise.all([
    stripe.customers.retrieve(customerId, { expand: ["invoice_settings.default_payment_method"] }),
    stripe.invoices.list({ customer: customerId, limit: 10 }),
  ]);

  return {
    customer,
    invoices: invoices.data.map((inv) => ({
      id: inv.id,
      total: inv.total,
      status: inv.status,
      pdf: inv.invoice_pdf,
    })),
  };
}

// expect: clean
export async function getInvoices() {
  const { userId } = await auth();
  if (!userId) return [];

  return prisma.invoice.findMany({
    where: { userId },
    select: { id: true, number: true, total: true, status: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}
