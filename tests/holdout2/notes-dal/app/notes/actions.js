'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { getCurrentUser, getNoteDTO, getSessionUser, requireNoteAccess } from '@/lib/dal'
import { deleteNoteRecord, updateNoteRecord } from '@/lib/notes'

// expect: missing-authz
export async function deleteNote(formData) {
  const id = formData.get('id')
  await requireNoteAccess(id)

  await deleteNoteRecord(id)
  revalidatePath('/notes')
}

// expect: clean
export async function archiveNote(formData) {
  const id = formData.get('id')
  if (!(await requireNoteAccess(id))) {
    return { error: 'Note not found' }
  }

  await db.note.update({ where: { id }, data: { archived: true } })
  revalidatePath('/notes')
  return { error: null }
}

// expect: clean
export async function renameNote(formData) {
  const user = await getCurrentUser()
  const id = formData.get('id')

  const { count } = await updateNoteRecord(id, user.id, { title: String(formData.get('title')).slice(0, 200) })
  if (count === 0) return { error: 'Note not found' }
  revalidatePath(`/notes/${id}`)
  return { error: null }
}

// expect: unchecked-session
export async function pinNote(formData) {
  const user = await getSessionUser()
  const id = formData.get('id')

  await db.note.updateMany({
    where: { id, ownerId: user?.userId },
    data: { pinned: true },
  })
  revalidatePath('/notes')
}

// expect: clean
export async function getNote(id) {
  return getNoteDTO(id)
}

// expect: missing-authz
export async function duplicateNote(id) {
  const session = await getSessionUser()
  if (!session) redirect('/login')

  const source = await db.note.findUnique({ where: { id }, select: { title: true, body: true } })
  if (!source) return { error: 'Note not found' }

  const copy = await db.note.create({
    data: { title: `${source.title} (copy)`, body: source.body, ownerId: session.userId },
    select: { id: true },
  })
  redirect(`/notes/${copy.id}`)
}
