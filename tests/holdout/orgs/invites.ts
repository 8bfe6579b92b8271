'use server'

import { randomBytes } from 'node:crypto'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { and, eq, gt } from 'drizzle-orm'
import { getSession } from '@/lib/session'
import { db } from '@/db'
import { invitations, memberships } from '@/db/schema'

const INVITE_TTL_MS = 1000 * 60 * 60 * 24 * 3

// expect: clean
export async function acceptInvite(token: string) {
  const session = await getSession()
  if (!session) redirect(`/login?next=/invite/${encodeURIComponent(token)}`)

  const invite = await db.query.invitations.findFirst({
    where: and(eq(invitations.token, token), gt(invitations.expiresAt, new Date())),
    columns: { id: true, orgId: true, role: true, email: true },
  })
  if (!invite) {
    return { error: 'This invitation is invalid or has expired.' }
  }
  if (invite.email.toLowerCase() !== session.user.email.toLowerCase()) {
    return { error: 'This invitation was sent to a different email address.' }
  }

  await db.transaction(async (tx) => {
    await tx
      .insert(memberships)
      .values({ orgId: invite.orgId, userId: session.user.id, role: invite.role })
      .onConflictDoNothing()
    await tx.delete(invitations).where(eq(invitations.id, invite.id))
  })

  redirect(`/orgs/${invite.orgId}`)
}

// expect: clean
export async function declineInvite(token: string) {
  const session = await getSession()
  if (!session) return { error: 'Unauthorized' }

  const removed = await db
    .delete(invitations)
    .where(and(eq(invitations.token, token), eq(invitations.email, session.user.email)))
    .returning({ id: invitations.id })

  if (removed.length === 0) return { error: 'Invitation not found' }
  revalidatePath('/invites')
  return { ok: true }
}

// expect: missing-authz
export async function revokeInvite(inviteId: string) {
  const session = await getSession()
  if (!session) return { error: 'Unauthorized' }

  await db.delete(invitations).where(eq(invitations.id, inviteId))
  revalidatePath('/settings/members')
  return { ok: true }
}

// expect: unchecked-session
export async function createInviteLink(orgId: string, role: 'member' | 'admin') {
  const session = await getSession()

  const token = randomBytes(24).toString('base64url')
  await db.insert(invitations).values({
    orgId,
    role,
    token,
    email: '*',
    invitedBy: session?.user.id,
    expiresAt: new Date(Date.now() + INVITE_TTL_MS),
  })

  return { url: `${process.env.NEXT_PUBLIC_APP_URL}/invite/${token}` }
}
