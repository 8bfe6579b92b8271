"use server";

import { auth } from "@/auth";
import { prisma } from "@/lib/prisma";

// expect: clean
export async function getMyProfile() {
  const session = await auth();
  if (!session?.user?.id) return null;

  return prisma.user.findUnique({ where: { id: session.user.id } });
}

// expect: clean
export async function getPublicProfile(username: string) {
  const session = await auth();
  if (!session) return null;

  return prisma.user.findUnique({
    where: { username },
    select: { username: true, name: true, image: true, bio: true },
  });
}

// expect: missing-authn
export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email } });
}

// expect: missing-authz
export async function getTeamInvoices(teamId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  return prisma.invoice.findMany({
    where: { teamId },
    select: { id: true, number: true, total: true, status: true, customerEmail: true },
    orderBy: { createdAt: "desc" },
  });
}

// expect: clean
export async function getOrderWithItems(orderId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  return prisma.order.findFirst({
    where: { id: orderId, customer: { userId: session.user.id } },
    include: { items: true },
  });
}

// expect: missing-authz
export async function getOrderItems(orderId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  return prisma.orderItem.findMany({
    where: { order: { id: orderId } },
    select: { id: true, name: true, quantity: true, price: true, shippingAddress: true },
  });
}

// expect: clean
export async function getTeamMembers(teamId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error("Unauthorized");

  const membership = await prisma.membership.findUnique({
    where: { userId_teamId: { userId: session.user.id, teamId } },
    select: { role: true },
  });
  if (!membership) throw new Error("Forbidden");

  return prisma.membership.findMany({
    where: { teamId },
    select: { role: true, user: { select: { id: true, name: true, image: true } } },
  });
}
