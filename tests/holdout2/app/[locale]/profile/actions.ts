"use server";

import { cookies } from "next/headers";
import { decodeJwt, jwtVerify } from "jose";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { eq } from "drizzle-orm";

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

function readPayload(token: string) {
  const [, body] = token.split(".");
  return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { sub?: string; email?: string };
}

// expect: unverified-session
export async function updateBio(formData: FormData) {
  const token = (await cookies()).get("session")?.value;
  if (!token) throw new Error("Not signed in");
  const payload = readPayload(token);
  if (!payload.sub) throw new Error("Not signed in");

  await db.update(users).set({ bio: String(formData.get("bio") ?? "") }).where(eq(users.id, payload.sub));
  revalidatePath("/profile");
}

// expect: clean
export async function setLocale(locale: string) {
  const supported = ["en", "de", "fr", "ja"];
  (await cookies()).set("NEXT_LOCALE", supported.includes(locale) ? locale : "en", { path: "/" });
}

// expect: clean
export async function updateEmailPreferences(formData: FormData) {
  const token = (await cookies()).get("session")?.value;
  if (!token) return { error: "Not signed in" };

  let sub: string;
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
    sub = payload.sub as string;
  } catch {
    return { error: "Session expired" };
  }

  await db
    .update(users)
    .set({ marketingEmails: formData.get("marketing") === "on", productEmails: formData.get("product") === "on" })
    .where(eq(users.id, sub));
  return { error: null };
}

// expect: unverified-session
export async function updateAvatarUrl(url: string) {
  const token = (await cookies()).get("session")?.value;
  const claims = token ? decodeJwt(token) : null;
  if (!claims?.sub) {
    return { error: "Not signed in" };
  }

  await db.update(users).set({ image: new URL(url).toString() }).where(eq(users.id, claims.sub));
  revalidatePath("/profile");
  return { error: null };
}
