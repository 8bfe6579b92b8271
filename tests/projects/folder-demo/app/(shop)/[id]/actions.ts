"use server";

import { currentUser } from "@/lib/auth";
import { db } from "@/lib/db";

// Signed in, but any signed-in user can empty anyone's cart.
export async function clearCart(cartId: string) {
  const user = await currentUser();
  if (!user) throw new Error("Sign in first");
  await db.cartItem.deleteMany({ where: { cartId } });
}
