'use server';

import Stripe from 'stripe';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// expect: clean
export async function transferCredits(toUserId: string, amount: number) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('Invalid amount');

  await prisma.$transaction(async (tx) => {
    const debited = await tx.wallet.updateMany({
      where: { userId: session.user.id, balance: { gte: amount } },
      data: { balance: { decrement: amount } },
    });
    if (debited.count !== 1) throw new Error('Insufficient balance');

    await tx.wallet.update({
      where: { userId: toUserId },
      data: { balance: { increment: amount } },
    });
  });
}

// expect: missing-authz
export async function mergeWallets(sourceWalletId: string, targetWalletId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  await prisma.$transaction(async (tx) => {
    const source = await tx.wallet.findUniqueOrThrow({ where: { id: sourceWalletId } });
    await tx.wallet.update({
      where: { id: targetWalletId },
      data: { balance: { increment: source.balance } },
    });
    await tx.wallet.delete({ where: { id: sourceWalletId } });
  });
}

// expect: clean
export async function refundOrder(orderId: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  const order = await prisma.order.findFirst({
    where: { id: orderId, userId: session.user.id, status: 'PAID' },
    select: { id: true, paymentIntentId: true },
  });
  if (!order) throw new Error('Order not found');

  await stripe.refunds.create({ payment_intent: order.paymentIntentId });
  await prisma.order.update({ where: { id: order.id }, data: { status: 'REFUNDED' } });
}

// expect: client-identity
export async function giftCredits(fromUserId: string, toUserId: string, amount: number) {
  const session = await auth();
  if (!session) throw new Error('Unauthorized');

  await prisma.$transaction([
    prisma.wallet.update({ where: { userId: fromUserId }, data: { balance: { decrement: amount } } }),
    prisma.wallet.update({ where: { userId: toUserId }, data: { balance: { increment: amount } } }),
    prisma.ledger.create({ data: { fromUserId, toUserId, amount, kind: 'GIFT' } }),
  ]);
}

// expect: clean
export async function redeemGiftCard(code: string) {
  const session = await auth();
  if (!session?.user?.id) throw new Error('Unauthorized');

  await prisma.$transaction(async (tx) => {
    const claimed = await tx.giftCard.updateMany({
      where: { code: code.trim().toUpperCase(), redeemedAt: null },
      data: { redeemedAt: new Date(), redeemedById: session.user.id },
    });
    if (claimed.count !== 1) throw new Error('Invalid or already used code');

    const card = await tx.giftCard.findUniqueOrThrow({ where: { code: code.trim().toUpperCase() }, select: { value: true } });
    await tx.wallet.update({ where: { userId: session.user.id }, data: { balance: { increment: card.value } } });
  });
}
