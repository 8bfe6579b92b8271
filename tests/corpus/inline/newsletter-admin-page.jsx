// app/admin/newsletter/page.jsx
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { Resend } from 'resend'

import { auth } from '@/auth'
import prisma from '@/lib/prisma'

const resend = new Resend(process.env.RESEND_API_KEY)

export default async function NewsletterAdminPage() {
  const session = await auth()
  if (session?.user?.role !== 'ADMIN') redirect('/')

  const drafts = await prisma.newsletterIssue.findMany({
    where: { sentAt: null },
    select: { id: true, subject: true },
  })

  // expect: missing-authz
  async function sendIssue(formData) {
    'use server'
    const session = await auth()
    if (!session?.user) redirect('/login')

    const issue = await prisma.newsletterIssue.findUniqueOrThrow({
      where: { id: formData.get('issueId') },
      select: { id: true, subject: true, html: true },
    })
    const subscribers = await prisma.subscriber.findMany({ select: { email: true } })

    await resend.batch.send(
      subscribers.map((s) => ({ from: 'news@acme.dev', to: s.email, subject: issue.subject, html: issue.html })),
    )
    await prisma.newsletterIssue.update({ where: { id: issue.id }, data: { sentAt: new Date() } })
    revalidatePath('/admin/newsletter')
  }

  // expect: clean
  const deleteDraft = async (formData) => {
    'use server'
    const session = await auth()
    if (!session?.user || session.user.role !== 'ADMIN') {
      throw new Error('Forbidden')
    }
    await prisma.newsletterIssue.delete({ where: { id: formData.get('issueId') } })
    revalidatePath('/admin/newsletter')
  }

  return (
    <ul>
      {drafts.map((d) => (
        <li key={d.id}>
          {d.subject}
          <form action={sendIssue}>
            <input type="hidden" name="issueId" value={d.id} />
            <button>Send to all subscribers</button>
          </form>
          <form action={deleteDraft}>
            <input type="hidden" name="issueId" value={d.id} />
            <button>Delete draft</button>
          </form>
        </li>
      ))}
    </ul>
  )
}
