// app/cart/actions.ts — iron-session + Vercel KV
"use server";

import { getIronSession } from "iron-session";
import { cookies } from "next/headers";
import { kv } from "@vercel/kv";
import { sessionOptions, type SessionData } from "@/lib/session";

export async function clearCart(cartId: string) {
  // getIronSession always returns an object, even for a visitor with no cookie.
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions);

  await kv.del(`cart:${cartId}`);
  return { cleared: true, by: session.userId };
}
