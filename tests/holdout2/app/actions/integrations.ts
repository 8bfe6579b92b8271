'use server'

import { Resend } from 'resend'
import { auth } from '@/auth'
import { prisma } from '@/lib/prisma'
import { InvoiceEmail } from '@/emails/invoice'

const resend = new Resend(process.env.RESEND_API_KEY)
const INTERNAL_API = process.env.INTERNAL_API_URL!

// expect: missing-authn
export async function triggerRebuild() {
  const res = await fetch(process.env.VERCEL_DEPLOY_HOOK_URL!, { method: 'POST' })
  return { ok: res.ok }
}

// expect: clean
export async function syncContacts() {
  const session = await auth()
  if (!session?.user) throw new Error('Unauthorized')
  if (session.user.role !== 'admin') throw new Error('Forbidden')

  const res = await fetch(`${INTERNAL_API}/crm/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.INTERNAL_API_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ requestedBy: session.user.id }),
  })
  if (!res.ok) throw new Error('Sync failed')
  return res.json()
}

// expect: missing-authz
export async function sendInvoiceEmail(invoiceId: string) {
  const session = await auth()
  if (!session?.user) return { error: 'Unauthorized' }

  const invoice = await prisma.invoice.findUnique({
    where: { id: invoiceId },
    include: { customer: true, lines: true },
  })
  if (!invoice) return { error: 'Invoice not found' }

  await resend.emails.send({
    from: 'Billing <billing@acme.dev>',
    to: invoice.customer.email,
    subject: `Invoice ${invoice.number}`,
    react: InvoiceEmail({ invoice }),
  })
  return { error: null }
}

// expect: clean
export async function notifyFollowers(postId: string) {
  const session = await auth()
  if (!session?.user?.id) return { error: 'Unauthorized' }

  const post = await prisma.post.findFirst({
    where: { id: postId, authorId: session.user.id, published: true },
    select: { id: true, title: true },
  })
  if (!post) return { error: 'Post not found' }

  await fetch(`${INTERNAL_API}/notifications/fanout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ authorId: session.user.id, postId: post.id, title: post.title }),
  })
  return { error: null }
}
