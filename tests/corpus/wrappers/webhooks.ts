'use server'

import { randomBytes } from 'crypto'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'

import { db } from '@/lib/db'
import { withAuth } from '@/lib/with-auth'

const webhookSchema = z.object({
  url: z.string().url().startsWith('https://'),
  events: z.array(z.enum(['order.created', 'order.paid', 'order.refunded'])).min(1),
})

// expect: clean
export const createWebhook = withAuth(async (user, formData: FormData) => {
  const input = webhookSchema.parse({
    url: formData.get('url'),
    events: formData.getAll('events'),
  })
  await db.webhook.create({
    data: { ...input, ownerId: user.id, secret: randomBytes(32).toString('hex') },
  })
  revalidatePath('/settings/webhooks')
})

// expect: clean
export const deleteWebhook = withAuth(async (user, webhookId: string) => {
  await db.webhook.deleteMany({ where: { id: webhookId, ownerId: user.id } })
  revalidatePath('/settings/webhooks')
})

// expect: missing-authz
export const rotateWebhookSecret = withAuth(async (_user, webhookId: string) => {
  const secret = randomBytes(32).toString('hex')
  await db.webhook.update({ where: { id: webhookId }, data: { secret } })
  return { secret }
})

// expect: client-identity
export const duplicateWebhook = withAuth(async (_user, formData: FormData) => {
  const input = webhookSchema.parse({
    url: formData.get('url'),
    events: formData.getAll('events'),
  })
  await db.webhook.create({
    data: {
      ...input,
      ownerId: formData.get('ownerId') as string,
      secret: randomBytes(32).toString('hex'),
    },
  })
  revalidatePath('/settings/webhooks')
})
