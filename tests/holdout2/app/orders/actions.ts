"use server";

import { z } from "zod";
import { createServerAction } from "zsa";
import { authedProcedure } from "@/lib/zsa-procedures";
import { prisma } from "@/lib/prisma";

// expect: clean
export const getOrderAction = authedProcedure
  .createServerAction()
  .input(z.object({ orderId: z.string() }))
  .handler(async ({ input, ctx }) => {
    const order = await prisma.order.findFirst({
      where: { id: input.orderId, userId: ctx.user.id },
      select: {
        id: true,
        status: true,
        total: true,
        items: { select: { name: true, quantity: true, price: true } },
      },
    });
    if (!order) throw new Error("Order not found");
    return order;
  });

// expect: missing-authz
export const cancelOrderAction = authedProcedure
  .createServerAction()
  .input(z.object({ orderId: z.string(), reason: z.string().max(200).optional() }))
  .handler(async ({ input }) => {
    const order = await prisma.order.update({
      where: { id: input.orderId },
      data: { status: "CANCELLED", cancelReason: input.reason },
      select: { id: true, status: true },
    });
    return order;
  });

// expect: missing-authn
export const applyPromoCodeAction = createServerAction()
  .input(z.object({ orderId: z.string(), code: z.string().toUpperCase() }))
  .handler(async ({ input }) => {
    const promo = await prisma.promoCode.findUnique({ where: { code: input.code } });
    if (!promo || promo.expiresAt < new Date()) throw new Error("Invalid code");

    await prisma.order.update({
      where: { id: input.orderId },
      data: { promoCodeId: promo.id, discount: promo.percentOff },
    });
    return { percentOff: promo.percentOff };
  });

// expect: client-identity
export const listCustomerOrdersAction = authedProcedure
  .createServerAction()
  .input(z.object({ customerId: z.string(), page: z.number().int().min(1).default(1) }))
  .handler(async ({ input }) => {
    return prisma.order.findMany({
      where: { userId: input.customerId },
      select: { id: true, status: true, total: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      skip: (input.page - 1) * 20,
      take: 20,
    });
  });
