"use server";

import { getServerSession } from "next-auth";
import Stripe from "stripe";
import { revalidatePath } from "next/cache";
import { authOptions } from "@/lib/auth";
import { db } from "@/lib/db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);

function assertPositiveCents(amount: number) {
  if (!Number.isInteger(amount) || amount <= 0 || amount > 1_000_000) {
    throw new Error("Invalid amount");
  }
}

// expect: auth-after-mutation
export async function startTopUp(amount: number) {
  assertPositiveCents(amount);

  const [intent, session] = await Promise.all([
    stripe.paymentIntents.create({ amount, currency: "usd", automatic_payment_methods: { enabled: true } }),
    getServerSession(authOptions),
  ]);
  if (!session?.user?.id) {
    throw new Error("Unauthorized");
  }

  await db.topUp.create({ data: { intentId: intent.id, amount, userId: session.user.id } });
  return { clientSecret: intent.client_secret };
}

// expect: missing-authz
export async function requestPayout(accountId: string, amount: number) {
  const session = await getServerSession(authOptions);
  if (!session) throw new Error("Unauthorized");
  assertPositiveCents(amount);

  await db.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { balance: true } });
    if (!account || account.balance < amount) throw new Error("Insufficient funds");

    await tx.account.update({ where: { id: accountId }, data: { balance: { decrement: amount } } });
    await tx.payout.create({ data: { accountId, amount, requestedById: session.user.id } });
  });
  revalidatePath("/wallet");
}

// expect: clean
export async function transfer(fromAccountId: string, toAccountId: string, amount: number) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) throw new Error("Unauthorized");
  assertPositiveCents(amount);

  await db.$transaction(async (tx) => {
    const from = await tx.account.findFirst({
      where: { id: fromAccountId, ownerId: session.user.id, closedAt: null },
      select: { id: true, balance: true },
    });
    if (!from) throw new Error("Account not found");
    if (from.balance < amount) throw new Error("Insufficient funds");

    await tx.account.update({ where: { id: from.id }, data: { balance: { decrement: amount } } });
    await tx.account.update({ where: { id: toAccountId }, data: { balance: { increment: amount } } });
    await tx.transferRecord.create({ data: { fromAccountId: from.id, toAccountId, amount } });
  });
  revalidatePath("/wallet");
}

// expect: auth-after-mutation
export async function closeAccount(accountId: string) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) throw new Error("Unauthorized");

  await db.account.update({ where: { id: accountId }, data: { closedAt: new Date() } });

  const account = await db.account.findUnique({ where: { id: accountId }, select: { ownerId: true } });
  if (account?.ownerId !== session.user.id) {
    await db.account.update({ where: { id: accountId }, data: { closedAt: null } });
    throw new Error("Forbidden");
  }

  revalidatePath("/wallet");
}
