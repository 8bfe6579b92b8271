'use server'

import { cookies } from 'next/headers'
import { revalidateTag } from 'next/cache'
import { Redis } from '@upstash/redis'
import { auth } from '@/auth'
import { prisma } from '@/lib/prisma'

const redis = Redis.fromEnv()
const CART_TTL_SECONDS = 60 * 60 * 24 * 30

async function getOrCreateCartId() {
  const jar = await cookies()
  let cartId = jar.get('cartId')?.value
  if (!cartId) {
    cartId = crypto.randomUUID()
    jar.set('cartId', cartId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production',
      maxAge: CART_TTL_SECONDS,
    })
  }
  return cartId
}

// actiongate-public: anonymous guest cart, keyed by a random httpOnly cookie the server issued
// expect: clean
export async function addToCart(productId: string, quantity = 1) {
  const cartId = await getOrCreateCartId()

  const product = await prisma.product.findFirst({
    where: { id: productId, active: true },
    select: { id: true, stock: true },
  })
  if (!product || product.stock < quantity) {
    return { error: 'This product is unavailable' }
  }

  await redis.hincrby(`cart:${cartId}`, product.id, Math.max(1, Math.floor(quantity)))
  await redis.expire(`cart:${cartId}`, CART_TTL_SECONDS)
  revalidateTag('cart')
  return { ok: true }
}

// actiongate-public: anonymous guest cart, keyed by a random httpOnly cookie the server issued
// expect: clean
export async function removeFromCart(productId: string) {
  const cartId = await getOrCreateCartId()
  await redis.hdel(`cart:${cartId}`, productId)
  revalidateTag('cart')
}

// expect: clean
export async function mergeGuestCart() {
  const session = await auth()
  if (!session?.user?.id) return

  const jar = await cookies()
  const cartId = jar.get('cartId')?.value
  if (!cartId) return

  const items = await redis.hgetall<Record<string, number>>(`cart:${cartId}`)
  if (items) {
    await Promise.all(
      Object.entries(items).map(([productId, quantity]) =>
        prisma.cartItem.upsert({
          where: { userId_productId: { userId: session.user.id, productId } },
          create: { userId: session.user.id, productId, quantity },
          update: { quantity: { increment: quantity } },
        }),
      ),
    )
  }

  await redis.del(`cart:${cartId}`)
  jar.delete('cartId')
  revalidateTag('cart')
}
