"use server";

import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/prisma";
import { getCurrentUser } from "@/lib/session";
import { assertAdmin } from "@/lib/auth/assert";
import type { Address } from "@/types";

const orderSummary = {
  id: true,
  status: true,
  total: true,
  createdAt: true,
  items: { select: { productId: true, quantity: true, unitPrice: true } },
} as const;

// expect: missing-authn
export async function getOrder(orderId: string) {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    select: { ...orderSummary, email: true, shippingAddress: true },
  });
  if (!order) return null;
  return order;
}

// expect: client-identity
export async function listOrders(userId: string, page = 0) {
  const user = await getCurrentUser();
  if (!user) throw new Error("Unauthorized");

  return prisma.order.findMany({
    where: { userId },
    select: orderSummary,
    orderBy: { createdAt: "desc" },
    skip: page * 20,
    take: 20,
  });
}

// expect: missing-authz
export async function cancelOrder(orderId: string) {
  const user = await getCurrentUser();
  if (!user) throw new Error("Unauthorized");

  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (order?.status !== "pending") {
    return { error: "Only pending orders can be cancelled" };
  }

  await prisma.order.update({ where: { id: orderId }, data: { status: "cancelled", cancelledAt: new Date() } });
  revalidatePath("/orders");
  return { ok: true };
}

// expect: clean
export async function reorder(orderId: string) {
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/orders");

  const order = await prisma.order.findFirst({
    where: { id: orderId, userId: user.id },
    select: { items: { select: { productId: true, quantity: true } } },
  });
  if (!order) notFound();

  await prisma.$transaction(
    order.items.map((item) =>
      prisma.cartItem.upsert({
        where: { userId_productId: { userId: user.id, productId: item.productId } },
        create: { userId: user.id, productId: item.productId, quantity: item.quantity },
        update: { quantity: { increment: item.quantity } },
      }),
    ),
  );

  redirect("/cart");
}

// expect: clean
export async function updateShippingAddress(orderId: string, address: Address) {
  const user = await getCurrentUser();
  if (!user) return { error: "Unauthorized" };

  const { count } = await prisma.order.updateMany({
    where: { id: orderId, userId: user.id, status: "pending" },
    data: { shippingAddress: address },
  });
  if (count === 0) return { error: "Order not found or already shipped" };

  revalidatePath(`/orders/${orderId}`);
  return { ok: true };
}

// expect: clean
export async function markOrderShipped(orderId: string, trackingNumber: string) {
  await assertAdmin();

  await prisma.order.update({
    where: { id: orderId },
    data: { status: "shipped", trackingNumber, shippedAt: new Date() },
  });
  revalidatePath("/admin/orders");
}
