"use server";
import { auth } from "@/auth";
export async function transferFunds(toUserId: string, amount: number) {
  const session = await auth();
  if (!session) throw new Error("unauthenticated");
  // Plus authorization: confirm the from-account belongs to this session
  const fromAccount = await db.accounts.findOne({ userId: session.user.id });
  if (!fromAccount) throw new Error("forbidden");
  await db.transfer({ from: fromAccount.id, to: toUserId, amount });
}
