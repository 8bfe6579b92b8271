"use server";

import { sql } from "@vercel/postgres";
import { getIronSession } from "iron-session";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { sessionOptions, type SessionData } from "@/lib/session";

async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions);
}

// expect: clean
export async function addToCart(productId: string, quantity = 1) {
  const session = await getSession();
  if (!session.isLoggedIn) {
    redirect("/login?next=/cart");
  }

  const qty = Math.max(1, Math.min(99, Math.floor(quantity)));
  await sql`
    INSERT INTO cart_items (user_id, product_id, quantity)
    VALUES (${session.userId}, ${productId}, ${qty})
    ON CONFLICT (user_id, product_id)
    DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity
  `;

  revalidatePath("/cart");
}

// expect: unchecked-session
export async function removeFromCart(itemId: string) {
  const session = await getSession();

  await sql`DELETE FROM cart_items WHERE id = ${itemId} AND user_id = ${session.userId}`;
  revalidatePath("/cart");
}

// expect: clean
export async function clearCart() {
  const session = await getSession();
  if (!session.userId) return;

  await sql`DELETE FROM cart_items WHERE user_id = ${session.userId}`;
  revalidatePath("/cart");
}

// expect: missing-authz
export async function confirmOrder(orderId: string) {
  const session = await getSession();
  if (!session.isLoggedIn || !session.userId) {
    return { error: "Please log in" };
  }

  await sql`UPDATE orders SET status = 'confirmed', confirmed_at = now() WHERE id = ${orderId}`;
  revalidatePath(`/orders/${orderId}`);
  return { ok: true };
}
