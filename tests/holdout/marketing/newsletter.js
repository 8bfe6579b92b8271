'use server'

import { db } from '@/db'
import { subscribers } from '@/db/schema'

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

// expect: clean
export default async function subscribe(prevState, formData) {
  const email = String(formData.get('email') || '').trim().toLowerCase()
  if (!EMAIL_RE.test(email)) {
    return { status: 'error', message: 'Please enter a valid email.' }
  }

  await db.insert(subscribers).values({ email, source: 'footer' }).onConflictDoNothing()

  const res = await fetch('https://api.buttondown.email/v1/subscribers', {
    method: 'POST',
    headers: {
      Authorization: `Token ${process.env.BUTTONDOWN_API_KEY}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ email_address: email, tags: ['website'] }),
  })

  if (!res.ok && res.status !== 409) {
    return { status: 'error', message: 'Subscription failed, please try again.' }
  }
  return { status: 'success', message: 'Check your inbox to confirm.' }
}
