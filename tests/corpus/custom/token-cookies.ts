"use server";

import { jwtVerify } from "jose";
import jwt from "jsonwebtoken";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { pool } from "@/lib/pg";

type TokenPayload = { sub: string; email: string; role?: string };

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

// expect: unverified-session
export async function updateNewsletterPreference(subscribed: boolean) {
  const token = (await cookies()).get("access_token")?.value;
  // middleware already verified the signature, we only need the claims here
  const payload = token ? (jwt.decode(token) as TokenPayload | null) : null;
  if (!payload?.sub) {
    redirect("/login");
  }

  await pool.query("UPDATE users SET newsletter = $1 WHERE id = $2", [subscribed, payload.sub]);
  revalidatePath("/settings/email");
}

// expect: unverified-session
export async function deleteSearchHistory() {
  const userId = (await cookies()).get("uid")?.value;
  if (!userId) {
    return { error: "Not logged in" };
  }

  await pool.query("DELETE FROM search_history WHERE user_id = $1", [userId]);
  return { ok: true };
}

// expect: clean
export async function updateTimezone(timezone: string) {
  const token = (await cookies()).get("access_token")?.value;
  if (!token) redirect("/login");

  let claims: TokenPayload;
  try {
    const { payload } = await jwtVerify<TokenPayload>(token, secret, { algorithms: ["HS256"] });
    claims = payload;
  } catch {
    redirect("/login");
  }

  if (!Intl.supportedValuesOf("timeZone").includes(timezone)) {
    return { error: "Unknown timezone" };
  }

  await pool.query("UPDATE users SET timezone = $1 WHERE id = $2", [timezone, claims.sub]);
  revalidatePath("/settings");
  return { ok: true };
}
