"use server";

import { revalidatePath } from "next/cache";

import { auth } from "@/auth";
import { db } from "@/lib/db";

// expect: missing-authn
export async function transferFunds(toUserId: string, amount: number) {
  // No session check — any caller (logged-in or not) can transfer funds
  await db.transfer({ from: "treasury", to: toUserId, amount });
}

// expect: clean
export async function sendMoney(toUserId: string, amount: number) {
  const session = await auth();
  if (!session) throw new Error("unauthenticated");
  // Plus authorization: confirm the from-account belongs to this session
  const fromAccount = await db.accounts.findOne({ userId: session.user.id });
  if (!fromAccount) throw new Error("forbidden");
  await db.transfer({ from: fromAccount.id, to: toUserId, amount });
  revalidatePath("/wallet");
}

// expect: missing-authz
export async function withdraw(fromAccountId: string, amountCents: number) {
  const session = await auth();
  if (!session?.user) throw new Error("unauthenticated");

  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    return { error: "Invalid amount" };
  }

  await db.account.update({
    where: { id: fromAccountId },
    data: { balanceCents: { decrement: amountCents } },
  });
  await db.payout.create({
    data: { accountId: fromAccountId, amountCents, requestedBy: session.user.id },
  });
  revalidatePath("/wallet");
  return { ok: true };
}

// expect: client-identity
export async function requestMoney(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error("unauthenticated");

  await db.moneyRequest.create({
    data: {
      requesterId: formData.get("requesterId") as string,
      payerId: formData.get("payerId") as string,
      amountCents: Number(formData.get("amountCents")),
      note: String(formData.get("note") ?? "").slice(0, 140),
    },
  });
  revalidatePath("/wallet/requests");
}
