'use server'

import { createHmac, timingSafeEqual } from 'crypto'
import { Resend } from 'resend'
import { z } from 'zod'
import { db } from '@/lib/db'

const resend = new Resend(process.env.RESEND_API_KEY)

const emailSchema = z.string().email()

// actiongate-public: anonymous newsletter signup from the footer
// expect: clean
export async function subscribeNewsletter(formData: FormData) {
  const parsed = emailSchema.safeParse(formData.get('email'))
  if (!parsed.success) return { ok: false, message: 'Please enter a valid email' }

  await resend.contacts.create({
    email: parsed.data,
    unsubscribed: false,
    audienceId: process.env.RESEND_AUDIENCE_ID!,
  })
  return { ok: true, message: 'Thanks for subscribing!' }
}

const contactSchema = z.object({
  name: z.string().min(1).max(100),
  email: z.string().email(),
  message: z.string().min(10).max(5000),
})

type ContactState = { ok: boolean; errors?: Record<string, string[]> }

// expect: clean
export async function sendContactMessage(prev: ContactState, formData: FormData): Promise<ContactState> {
  const parsed = contactSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.flatten().fieldErrors }
  }

  await resend.emails.send({
    from: 'Website <hello@acme.dev>',
    to: ['support@acme.dev'],
    replyTo: parsed.data.email,
    subject: `Contact form: ${parsed.data.name}`,
    text: parsed.data.message,
  })

  return { ok: true }
}

function sign(email: string) {
  return createHmac('sha256', process.env.UNSUBSCRIBE_SECRET!).update(email).digest('hex')
}

// actiongate-public: one-click unsubscribe link from emails, authorised by an HMAC token
// expect: clean
export async function unsubscribe(email: string, token: string) {
  const expected = Buffer.from(sign(email))
  const given = Buffer.from(token)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false }
  }

  await db.subscriber.update({
    where: { email },
    data: { unsubscribedAt: new Date() },
  })
  return { ok: true }
}
