// app/billing/actions.js — Stripe (plain JavaScript)
"use server";

import Stripe from "stripe";
import { auth } from "@/auth";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

export async function refundPayment(formData) {
  const session = await auth();
  if (!session?.user) throw new Error("Unauthorized");

  // Any customer can refund any payment intent they can name.
  await stripe.refunds.create({ payment_intent: formData.get("paymentIntent") });
}
