import 'server-only'
import { cache } from 'react'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { decrypt } from '@/lib/session'
import { db } from '@/lib/db'

export const verifySession = cache(async () => {
  const cookie = (await cookies()).get('session')?.value
  const session = await decrypt(cookie)

  if (!session?.userId) {
    redirect('/login')
  }

  return { isAuth: true, userId: session.userId }
})

// Soft variant for places that render differently for guests.
export const getSessionUser = cache(async () => {
  const cookie = (await cookies()).get('session')?.value
  const session = await decrypt(cookie)
  if (!session?.userId) return null
  return { userId: session.userId }
})

export const getCurrentUser = cache(async () => {
  const session = await verifySession()
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, name: true, email: true },
  })
  if (!user) redirect('/login')
  return user
})

// Returns whether the signed-in user owns the note.
export async function requireNoteAccess(noteId) {
  const session = await verifySession()
  const note = await db.note.findUnique({ where: { id: noteId }, select: { ownerId: true } })
  return note?.ownerId === session.userId
}

export async function getNoteDTO(noteId) {
  const session = await verifySession()
  const note = await db.note.findFirst({
    where: { id: noteId, ownerId: session.userId },
    select: { id: true, title: true, body: true, pinned: true, updatedAt: true },
  })
  return note ?? null
}
