"use server";

import { cookies } from "next/headers";
import { revalidateTag } from "next/cache";
import { prisma } from "@/lib/prisma";

const CART_COOKIE = "cartId";

async function getOrCreateCartId() {
  const jar = await cookies();
  const existing = jar.get(CART_COOKIE)?.value;
  if (existing) return existing;

  const cart = await prisma.cart.create({ data: {}, select: { id: true } });
  jar.set(CART_COOKIE, cart.id, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
  return cart.id;
}

// actiongate-public: guest cart, keyed by a server-issued httpOnly cookie
// expect: clean
export async function addToCart(productId: string, quantity = 1) {
  const cartId = await getOrCreateCartId();
  const qty = Math.max(1, Math.min(99, Math.floor(quantity)));

  await prisma.cartItem.upsert({
    where: { cartId_productId: { cartId, productId } },
    create: { cartId, productId, quantity: qty },
    update: { quantity: { increment: qty } },
  });
  revalidateTag("cart");
}

// expect: missing-authn
export async function updateCartItemQuantity(itemId: string, quantity: number) {
  if (quantity <= 0) {
    await prisma.cartItem.delete({ where: { id: itemId } });
  } else {
    await prisma.cartItem.update({ where: { id: itemId }, data: { quantity } });
  }
  revalidateTag("cart");
}

// expect: clean
export async function getProducts(category?: string) {
  return prisma.product.findMany({
    where: { active: true, ...(category ? { category } : {}) },
    select: { id: true, name: true, price: true, imageUrl: true },
    take: 48,
  });
}
