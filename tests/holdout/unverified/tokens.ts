"use server";

import jwt from "jsonwebtoken";
import { jwtVerify } from "jose";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/prisma";

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

type TokenPayload = { sub: string; email?: string; role?: string };

async function getSession(): Promise<TokenPayload | null> {
  const token = (await cookies()).get("token")?.value;
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
    return payload as TokenPayload;
  } catch {
    return null;
  }
}

// expect: unverified-session
export async function updateDisplayName(formData: FormData) {
  const token = (await cookies()).get("token")?.value;
  if (!token) redirect("/login");

  const payload = jwt.decode(token) as TokenPayload | null;
  if (!payload?.sub) redirect("/login");

  await prisma.user.update({
    where: { id: payload.sub },
    data: { displayName: String(formData.get("displayName") ?? "").slice(0, 60) },
  });
  revalidatePath("/settings");
}

// expect: unverified-session
export async function addToWishlist(productId: string) {
  const userId = (await cookies()).get("uid")?.value;
  if (!userId) return { error: "Please sign in" };

  await prisma.wishlistItem.create({ data: { userId, productId } });
  revalidatePath("/wishlist");
  return { ok: true };
}

// expect: clean
export async function removeFromWishlist(productId: string) {
  const session = await getSession();
  if (!session) return { error: "Please sign in" };

  await prisma.wishlistItem.deleteMany({ where: { userId: session.sub, productId } });
  revalidatePath("/wishlist");
  return { ok: true };
}

// expect: unverified-session
export async function clearWishlist() {
  const raw = (await cookies()).get("session")?.value;
  if (!raw) redirect("/login");

  const { userId } = JSON.parse(Buffer.from(raw.split(".")[1], "base64url").toString("utf8"));
  await prisma.wishlistItem.deleteMany({ where: { userId } });
  revalidatePath("/wishlist");
}

// expect: clean
export async function getWishlist() {
  const session = await getSession();
  if (!session) redirect("/login");

  return prisma.wishlistItem.findMany({
    where: { userId: session.sub },
    select: { productId: true, createdAt: true, product: { select: { name: true, price: true } } },
  });
}
