'use server'

import { headers } from 'next/headers'
import { and, desc, eq, gte, sql } from 'drizzle-orm'
import { auth } from '@/lib/auth'
import { db } from '@/db'
import { coupons, creditLedger, users } from '@/db/schema'

async function getSessionOrThrow() {
  const session = await auth.api.getSession({ headers: await headers() })
  if (!session) {
    throw new Error('UNAUTHORIZED')
  }
  return session
}

// expect: clean
export const redeemCoupon = async (code: string) => {
  const session = await getSessionOrThrow()

  return db.transaction(async (tx) => {
    const [coupon] = await tx
      .select({ id: coupons.id, credits: coupons.credits })
      .from(coupons)
      .where(and(eq(coupons.code, code.trim().toUpperCase()), eq(coupons.redeemed, false)))
      .limit(1)

    if (!coupon) return { error: 'Invalid or already used code' }

    await tx
      .update(coupons)
      .set({ redeemed: true, redeemedBy: session.user.id, redeemedAt: new Date() })
      .where(eq(coupons.id, coupon.id))
    await tx
      .update(users)
      .set({ credits: sql`${users.credits} + ${coupon.credits}` })
      .where(eq(users.id, session.user.id))

    return { ok: true, credits: coupon.credits }
  })
}

// expect: client-identity
export const giftCredits = async (formData: FormData) => {
  await getSessionOrThrow()

  const fromUserId = formData.get('fromUserId') as string
  const toUserId = formData.get('toUserId') as string
  const amount = Number(formData.get('amount'))

  await db.transaction(async (tx) => {
    const [sender] = await tx
      .select({ credits: users.credits })
      .from(users)
      .where(eq(users.id, fromUserId))
    if (!sender || sender.credits < amount) throw new Error('Insufficient credits')

    await tx
      .update(users)
      .set({ credits: sql`${users.credits} - ${amount}` })
      .where(eq(users.id, fromUserId))
    await tx
      .update(users)
      .set({ credits: sql`${users.credits} + ${amount}` })
      .where(eq(users.id, toUserId))
    await tx.insert(creditLedger).values({ fromUserId, toUserId, amount, reason: 'gift' })
  })
}

// expect: clean
export const sendCredits = async (toUserId: string, amount: number) => {
  const session = await getSessionOrThrow()
  if (!Number.isInteger(amount) || amount <= 0) throw new Error('Invalid amount')
  if (toUserId === session.user.id) throw new Error('Cannot send credits to yourself')

  await db.transaction(async (tx) => {
    const debited = await tx
      .update(users)
      .set({ credits: sql`${users.credits} - ${amount}` })
      .where(and(eq(users.id, session.user.id), gte(users.credits, amount)))
      .returning({ id: users.id })
    if (debited.length === 0) throw new Error('Insufficient credits')

    await tx
      .update(users)
      .set({ credits: sql`${users.credits} + ${amount}` })
      .where(eq(users.id, toUserId))
    await tx.insert(creditLedger).values({ fromUserId: session.user.id, toUserId, amount, reason: 'transfer' })
  })
}

// expect: missing-authz
export const grantCredits = async (userId: string, amount: number) => {
  await getSessionOrThrow()

  await db
    .update(users)
    .set({ credits: sql`${users.credits} + ${amount}` })
    .where(eq(users.id, userId))
  await db.insert(creditLedger).values({ fromUserId: null, toUserId: userId, amount, reason: 'admin_grant' })
}

// expect: clean
export const getCreditHistory = async () => {
  const session = await getSessionOrThrow()

  return db
    .select({
      id: creditLedger.id,
      amount: creditLedger.amount,
      reason: creditLedger.reason,
      createdAt: creditLedger.createdAt,
    })
    .from(creditLedger)
    .where(eq(creditLedger.toUserId, session.user.id))
    .orderBy(desc(creditLedger.createdAt))
    .limit(50)
}
