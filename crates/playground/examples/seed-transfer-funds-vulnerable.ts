"use server";
export async function transferFunds(toUserId: string, amount: number) {
  // No session check — any caller (logged-in or not) can transfer funds
  await db.transfer({ from: "???", to: toUserId, amount });
}
