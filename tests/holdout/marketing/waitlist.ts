'use server'

import { kv } from '@vercel/kv'
import { z } from 'zod'

const Email = z.string().email().max(254)

// actiongate-public: pre-launch waitlist form on the landing page
// expect: clean
export default async function (formData: FormData) {
  const parsed = Email.safeParse(formData.get('email'))
  if (!parsed.success) return { error: 'Invalid email' }

  const email = parsed.data.toLowerCase()
  const added = await kv.sadd('waitlist', email)
  if (added) {
    await kv.hset(`waitlist:${email}`, { joinedAt: Date.now(), referrer: String(formData.get('ref') ?? '') })
  }
  return { ok: true, position: await kv.scard('waitlist') }
}
